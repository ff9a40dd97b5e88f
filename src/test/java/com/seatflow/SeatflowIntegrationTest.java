package com.seatflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The one Spring context of the integration tests (the whole application, on H2 by default, on PostgreSQL when the
 * postgres profile is active). Tests create their own organisations so they never depend on each other's data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:seatflow-test.properties")
@Import(TestFixtures.class)
public @interface SeatflowIntegrationTest {
}
