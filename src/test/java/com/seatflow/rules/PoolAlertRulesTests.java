package com.seatflow.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real rules from {@code rules/} (every DRL must compile), fed pool usages. */
class PoolAlertRulesTests {

    static PoolAlertPolicy policy;

    @BeforeAll
    static void loadTheRulesFolder() {
        policy = new DroolsPoolAlerts(new RuleBook(Path.of("rules"), Clock.systemUTC()));
    }

    private static List<PoolAlertKind> alerts(int total, int used, Integer daysLeft) {
        return policy.alertsFor(List.of(new PoolUsage(7, total, used, daysLeft))).stream().map(PoolAlert::kind)
                .toList();
    }

    @Test
    void aPoolBelowThreeQuartersRaisesNothing() {
        assertThat(alerts(100, 74, null)).isEmpty();
        assertThat(alerts(4, 2, 365)).isEmpty();
    }

    @Test
    void aPoolAtThreeQuartersRaisesTheSeventyFivePercentAlert() {
        assertThat(alerts(4, 3, null)).containsExactly(PoolAlertKind.USAGE_75);
        assertThat(alerts(100, 99, null)).containsExactly(PoolAlertKind.USAGE_75);
    }

    @Test
    void aFullPoolRaisesOnlyTheHundredPercentAlert() {
        assertThat(alerts(4, 4, null)).containsExactly(PoolAlertKind.USAGE_100);
    }

    @Test
    void aPoolWithoutSeatsRaisesNothing() {
        assertThat(alerts(0, 0, 10)).isEmpty();
    }

    @Test
    void aPoolEndingWithinThirtyDaysRaisesTheEndingSoonAlert() {
        assertThat(alerts(10, 0, 30)).containsExactly(PoolAlertKind.ENDING_SOON);
        assertThat(alerts(10, 0, 0)).containsExactly(PoolAlertKind.ENDING_SOON);
        assertThat(alerts(10, 0, 31)).isEmpty();
    }

    @Test
    void anEndedPoolRaisesNothing() {
        assertThat(alerts(10, 10, -1)).isEmpty();
    }

    @Test
    void eachPoolGetsItsOwnAlerts() {
        List<PoolAlert> alerts = policy.alertsFor(List.of(new PoolUsage(1, 4, 3, null), new PoolUsage(2, 4, 4, 5),
                new PoolUsage(3, 4, 1, null)));

        assertThat(alerts).extracting(PoolAlert::poolId, PoolAlert::kind).containsExactlyInAnyOrder(
                tuple(1L, PoolAlertKind.USAGE_75),
                tuple(2L, PoolAlertKind.USAGE_100),
                tuple(2L, PoolAlertKind.ENDING_SOON));
        assertThat(alerts).allSatisfy(a -> assertThat(a.reason()).isNotBlank());
    }
}
