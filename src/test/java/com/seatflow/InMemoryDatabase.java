package com.seatflow;

import java.util.UUID;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** A private in-memory H2 database with some of the application's own migrations, for tests without the application. */
public final class InMemoryDatabase {

    private InMemoryDatabase() {
    }

    /** A new database holding the tables the named migrations (files under db/migration/common) create. */
    public static JdbcClient withMigrations(String... migrations) {
        var dataSource = new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "", true);
        var populator = new ResourceDatabasePopulator();
        for (String migration : migrations) {
            populator.addScript(new ClassPathResource("db/migration/common/" + migration));
        }
        populator.execute(dataSource);
        return JdbcClient.create(dataSource);
    }
}
