package com.seatflow;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seatflow.imports.ImportCommitHook;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportSubmission;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;

/** Builds fresh, uniquely named organisations, programmes, groups and admins for one test. */
@TestConfiguration(proxyBeanMethods = false)
public class TestFixtures {

    /**
     * An {@code expiry_time} every bulk file of the tests can give: half a year after the day the suite runs, inside
     * the year a bulk invitation may last. A fixed date would make the suite fail once that date passed.
     */
    public static final String BULK_EXPIRY = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(180)
            + " 09:00:00";

    /** A commit hook a test can arm to fail or pause a chunk; it does nothing otherwise. */
    public static class ControllableCommitHook implements ImportCommitHook {

        public interface Action {
            void run(long importId, int fromRow, int toRow);
        }

        private final AtomicReference<Action> action = new AtomicReference<>();

        public void arm(Action next) {
            action.set(next);
        }

        public void disarm() {
            action.set(null);
        }

        /**
         * Holds the commit of one import in its first chunks until {@code release} opens; the returned latch opens
         * as soon as a chunk is held, so the commit is then certainly running.
         */
        public CountDownLatch hold(long heldImport, CountDownLatch release) {
            var held = new CountDownLatch(1);
            arm((importId, fromRow, toRow) -> {
                if (importId == heldImport) {
                    held.countDown();
                    awaitRelease(release);
                }
            });
            return held;
        }

        private static void awaitRelease(CountDownLatch release) {
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the commit");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void afterChunkApplied(long importId, int fromRow, int toRow) {
            Action current = action.get();
            if (current != null) {
                current.run(importId, fromRow, toRow);
            }
        }
    }

    @Bean
    @Primary
    ControllableCommitHook controllableCommitHook() {
        return new ControllableCommitHook();
    }

    @Bean
    World world(OrganisationManagement organisations, LicensingManagement licensing, Identities identities,
            ImportManagement imports, JdbcClient jdbc, Clock clock) {
        return new World(organisations, licensing, identities, imports, jdbc, clock);
    }

    /** One test's own organisation with a programme (two runs), a group, seat pools and an admin. */
    public record Org(Organisation org, String adminUser, String adminPassword, String programmeCode, String run1,
            String run2, SeatPool programmePool, LearnerGroup group, SeatPool groupPool) {
    }

    public static class World {
        private final OrganisationManagement organisations;
        private final LicensingManagement licensing;
        private final Identities identities;
        private final ImportManagement imports;
        private final JdbcClient jdbc;
        private final Clock clock;

        World(OrganisationManagement organisations, LicensingManagement licensing, Identities identities,
                ImportManagement imports, JdbcClient jdbc, Clock clock) {
            this.organisations = organisations;
            this.licensing = licensing;
            this.identities = identities;
            this.imports = imports;
            this.jdbc = jdbc;
            this.clock = clock;
        }

        public static String unique(String prefix) {
            return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        }

        /** An organisation with {@code programmeSeats} seats for its programme and {@code groupSeats} in its group. */
        public Org org(int programmeSeats, int groupSeats) {
            String code = unique("org");
            Organisation org = organisations.create(code, "Organisation " + code);
            var programme = licensing.createProduct(unique("PRG-"), "Programme of " + code, "PROGRAMME");
            var run1 = licensing.createRun(programme.id(), "RUN-1");
            licensing.createRun(programme.id(), "RUN-2");
            Instant until = Instant.now(clock).plus(Duration.ofDays(365));
            SeatPool programmePool = licensing.purchase(org.id(), null, programme.id(), null, programmeSeats, until,
                    "test", "ORDER-" + code);
            var module = licensing.createProduct(unique("MOD-"), "Module of " + code, "MODULE");
            LearnerGroup group = organisations.createGroup(org.id(), "team", "Team of " + code);
            SeatPool groupPool = licensing.purchase(org.id(), group.id(), module.id(), null, groupSeats, until, "test",
                    "ORDER-G-" + code);
            String admin = code + "-admin";
            identities.createUser(admin, "Test", "Admin", admin + "@example.org", "secret-" + code);
            identities.addToGroup(admin, OrgRoles.adminGroup(code), "Admins of " + code);
            identities.addToGroup(admin, OrgRoles.learningManagers(code), "Learning managers of " + code);
            assert run1 != null;
            return new Org(org, admin, "secret-" + code, programme.code(), "RUN-1", "RUN-2", programmePool, group,
                    groupPool);
        }

        public ImportJob submit(Org org, String format, String csv) {
            return imports.submit(new ImportSubmission(org.org().code(), "group".equals(format) ? "team" : null, format,
                    "TEST", format + ".csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    org.adminUser()));
        }

        public ImportJob submitBytes(Org org, String format, byte[] content) {
            return imports.submit(new ImportSubmission(org.org().code(), "group".equals(format) ? "team" : null, format,
                    "TEST", format + ".csv", new ByteArrayInputStream(content), org.adminUser()));
        }

        public int count(String sql, Object... params) {
            return jdbc.sql(sql).params(params).query(Integer.class).single();
        }

        public SeatPool pool(long id) {
            return licensing.pool(id);
        }
    }
}
