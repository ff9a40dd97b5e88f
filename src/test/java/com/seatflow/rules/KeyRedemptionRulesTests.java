package com.seatflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seatflow.rules.KeyRefusal.Kind;

/** The seat-eligibility rules judging enrolment key redemptions, from the rules folder. */
class KeyRedemptionRulesTests {

    static SeatEligibility eligibility;
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @BeforeAll
    static void compileTheRules() {
        eligibility = new DroolsDecisions(new RuleBook(Path.of("rules"), Clock.systemUTC()));
    }

    private static KeyRedemption key(int uses, int limit, Instant expiresAt, boolean member, int modules) {
        return new KeyRedemption("Sales", uses, limit, expiresAt, NOW, member, modules);
    }

    private static PoolDemand seat(long poolId, int free, Instant validUntil) {
        return new PoolDemand(poolId, "MOD-" + poolId + " (group) #" + poolId, 1, free, validUntil, NOW);
    }

    @Test
    void aValidKeyWithFreeSeatsOnEveryModuleIsRedeemed() {
        assertThat(eligibility.decide(key(0, 1, NOW.plusSeconds(60), false, 2),
                List.of(seat(1, 1, null), seat(2, 5, NOW.plus(Duration.ofDays(1)))))).isEmpty();
    }

    @Test
    void anUnknownCodeIsRefused() {
        assertThat(eligibility.decide(KeyRedemption.unknownKey(), List.of()))
                .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(Kind.UNKNOWN_KEY));
    }

    @Test
    void anExpiredKeyIsRefusedEvenWhenItIsAlsoUsedUp() {
        assertThat(eligibility.decide(key(1, 1, NOW, false, 1), List.of(seat(1, 1, null))))
                .hasValueSatisfying(r -> {
                    assertThat(r.kind()).isEqualTo(Kind.KEY_EXPIRED);
                    assertThat(r.reason()).startsWith("key expired on 2026-03-01T10:00:00Z");
                });
    }

    @Test
    void aUsedUpKeyIsRefused() {
        assertThat(eligibility.decide(key(3, 3, null, false, 1), List.of(seat(1, 1, null))))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("key used up: it has been used 3 of 3 time(s)"));
    }

    @Test
    void aMemberOfTheGroupIsRefused() {
        assertThat(eligibility.decide(key(0, 5, null, true, 1), List.of()))
                .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(Kind.ALREADY_ENROLLED));
    }

    @Test
    void aGroupWithoutModulesIsRefused() {
        assertThat(eligibility.decide(key(0, 5, null, false, 0), List.of()))
                .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(Kind.NO_MODULES));
    }

    @Test
    void aModuleWithoutAFreeSeatRefusesTheWholeRedemption() {
        assertThat(eligibility.decide(key(0, 1, null, false, 2), List.of(seat(1, 3, null), seat(2, 0, null))))
                .hasValueSatisfying(r -> {
                    assertThat(r.kind()).isEqualTo(Kind.NO_FREE_SEAT);
                    assertThat(r.reason()).contains("no free seat left in pool MOD-2");
                });
    }

    @Test
    void anExpiredPoolRefusesTheRedemption() {
        assertThat(eligibility.decide(key(0, 1, null, false, 1), List.of(seat(1, 3, NOW.minusSeconds(1)))))
                .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(Kind.POOL_EXPIRED));
    }
}
