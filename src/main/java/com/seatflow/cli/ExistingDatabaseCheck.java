package com.seatflow.cli;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The command line works on the platform's database and never makes one: before Flyway or Camunda may create a
 * single table, the database must already hold Seatflow's schema history. Otherwise a forgotten profile or a
 * mistyped URL would build a new, empty schema and report success on it.
 */
@Component
@ConditionalOnProperty(name = "seatflow.only-existing-database", havingValue = "true")
class ExistingDatabaseCheck implements BeanPostProcessor {

    private final String historyTable;

    ExistingDatabaseCheck(@Value("${spring.flyway.table:flyway_schema_history}") String historyTable) {
        this.historyTable = historyTable;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            requireSeatflowSchema(dataSource);
        }
        return bean;
    }

    private void requireSeatflowSchema(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            for (String name : List.of(historyTable, historyTable.toUpperCase(java.util.Locale.ROOT))) {
                try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), name,
                        null)) {
                    if (tables.next()) {
                        return;
                    }
                }
            }
            throw new NoSeatflowDatabaseException("No Seatflow database at " + withoutParameters(metaData.getURL())
                    + " (schema " + connection.getSchema() + " has no table " + historyTable + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A JDBC URL's parameters may hold a password. */
    private static String withoutParameters(String url) {
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }
}
