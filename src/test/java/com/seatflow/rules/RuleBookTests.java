package com.seatflow.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.Message;
import org.kie.api.KieServices;

/** The rule book on a folder of its own, holding copies of the real {@code rules/*.drl}. No Spring. */
class RuleBookTests {

    static final Path REAL_RULES = Path.of("rules");
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path folder;

    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    RuleBook ruleBook;
    DroolsDecisions decisions;

    @BeforeEach
    void copyTheRealRules() throws IOException {
        try (Stream<Path> files = Files.list(REAL_RULES)) {
            for (Path drl : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Files.copy(drl, folder.resolve(drl.getFileName()));
            }
        }
        ruleBook = new RuleBook(folder, clock);
        decisions = new DroolsDecisions(ruleBook);
    }

    static List<Path> realDrlFiles() throws IOException {
        try (Stream<Path> files = Files.list(REAL_RULES)) {
            return files.filter(f -> f.toString().endsWith(".drl")).sorted().toList();
        }
    }

    @Test
    void everyRealRuleFileCompilesWithoutErrorsOnItsOwn() throws IOException {
        List<Path> drls = realDrlFiles();
        assertThat(drls).extracting(p -> p.getFileName().toString())
                .contains("seat-eligibility.drl", "invitation-policy.drl");
        for (Path drl : drls) {
            KieServices kie = KieServices.Factory.get();
            var fileSystem = kie.newKieFileSystem();
            fileSystem.write("src/main/resources/rules/" + drl.getFileName(), Files.readString(drl));
            KieBuilder builder = kie.newKieBuilder(fileSystem).buildAll();
            assertThat(builder.getResults().getMessages(Message.Level.ERROR)).as(drl.toString()).isEmpty();
        }
    }

    @Test
    void theRuleBookLoadsEveryRealRuleFileFromItsFolder() throws IOException {
        RuleBookStatus status = ruleBook.status();

        assertThat(status.files()).containsExactlyElementsOf(
                realDrlFiles().stream().map(p -> p.getFileName().toString()).toList());
        assertThat(status.source()).isEqualTo(folder.toAbsolutePath().normalize().toString());
        assertThat(status.loadedAt()).isEqualTo(NOW);
        assertThat(status.lastError()).isNull();
        long rulesInFiles = 0;
        for (Path drl : realDrlFiles()) {
            rulesInFiles += Files.readAllLines(drl).stream().filter(line -> line.startsWith("rule \"")).count();
        }
        assertThat(ruleBook.kieBase().getKiePackages().stream().mapToLong(p -> p.getRules().size()).sum())
                .isEqualTo(rulesInFiles).isPositive();
    }

    // ---- seat eligibility ----

    private PoolDemand demand(Long poolId, String label, int needed, int free, Instant validUntil) {
        return new PoolDemand(poolId, label, needed, free, validUntil, NOW);
    }

    @Test
    void aPoolWithEnoughFreeSeatsGrantsEverySeatNeeded() {
        List<PoolVerdict> verdicts = decisions.decide(List.of(demand(7L, "PRG-1 #7", 5, 5, NOW.plusSeconds(60)),
                demand(8L, "MOD-1 #8", 3, 10, null)));

        assertThat(verdicts).hasSize(2).allSatisfy(v -> {
            assertThat(v.refused()).isFalse();
            assertThat(v.reason()).isNull();
            assertThat(v.granted()).isEqualTo(v.needed());
        });
        assertThat(verdicts).extracting(PoolVerdict::poolId).containsExactly(7L, 8L);
    }

    @Test
    void needingMoreSeatsThanAreFreeIsRefusedNamingThePoolAndGrantsOnlyTheFreeOnes() {
        PoolVerdict verdict = decisions.decide(List.of(demand(7L, "PRG-1 #7", 12, 10, null))).get(0);

        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.granted()).isEqualTo(verdict.free()).isEqualTo(10);
        assertThat(verdict.reason()).contains("PRG-1 #7").contains("12 needed, 10 free");
    }

    @Test
    void anExpiredPoolGivesNoSeatsEvenWhenItHasFreeOnes() {
        Instant expiredAt = NOW.minus(Duration.ofDays(1));
        PoolVerdict verdict = decisions.decide(List.of(demand(7L, "PRG-1 #7", 1, 10, expiredAt))).get(0);

        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.granted()).isZero();
        assertThat(verdict.reason()).contains("PRG-1 #7").contains("expired").contains(expiredAt.toString());
    }

    @Test
    void aPoolExpiringThisVeryInstantCountsAsExpired() {
        PoolVerdict verdict = decisions.decide(List.of(demand(7L, "PRG-1 #7", 1, 10, NOW))).get(0);

        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.reason()).contains("expired");
    }

    @Test
    void aDemandWithoutAPoolIsRefusedAsNoSeatsForTheProduct() {
        PoolVerdict verdict = decisions.decide(List.of(demand(null, "PRG-9", 2, 0, null))).get(0);

        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.granted()).isZero();
        assertThat(verdict.reason()).startsWith("no seats for PRG-9");
    }

    @Test
    void aRefusalOfOnePoolDoesNotRefuseTheOthers() {
        List<PoolVerdict> verdicts = decisions.decide(List.of(demand(1L, "A #1", 2, 5, null),
                demand(2L, "B #2", 6, 5, null), demand(null, "C", 1, 0, null)));

        assertThat(verdicts).extracting(PoolVerdict::refused).containsExactly(false, true, true);
    }

    // ---- invitation policy ----

    @Test
    void invitationValidityFollowsThePolicyRules() {
        assertThat(decisions.validityOf("ADMIN", false)).isEqualTo(Duration.ofDays(10));
        assertThat(decisions.validityOf("PROGRAMME", false)).isEqualTo(Duration.ofDays(28));
        assertThat(decisions.validityOf("GROUP", false)).isEqualTo(Duration.ofDays(14));
        assertThat(decisions.validityOf("CHAIN", false)).isEqualTo(Duration.ofDays(30));
        assertThat(decisions.validityOf("PROGRAMME", true)).isGreaterThan(Duration.ofDays(28));
    }

    @Test
    void anInvitationKindNoRuleCoversIsAnError() {
        assertThatThrownBy(() -> decisions.validityOf("CARRIER_PIGEON", false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CARRIER_PIGEON");
    }

    // ---- reloading ----

    @Test
    void aChangedRuleFileIsUsedAfterReloadWithoutARebuild() throws IOException {
        assertThat(ruleBook.reloadIfChanged()).as("nothing changed yet").isNull();
        Path policy = folder.resolve("invitation-policy.drl");
        String drl = Files.readString(policy);
        assertThat(drl).contains("setValidForDays(14)");

        Files.writeString(policy, drl.replace("setValidForDays(14)", "setValidForDays(21)"));
        String problem = ruleBook.reloadIfChanged();

        assertThat(problem).isNull();
        assertThat(decisions.validityOf("GROUP", false)).isEqualTo(Duration.ofDays(21));
        assertThat(decisions.validityOf("ADMIN", false)).isEqualTo(Duration.ofDays(10));
        assertThat(ruleBook.status().lastError()).isNull();
    }

    @Test
    void aNewRuleFileInTheFolderIsPickedUp() throws IOException {
        Files.writeString(folder.resolve("trial.drl"), """
                package seatflow.rules.trial

                import com.seatflow.rules.ExpiryQuestion

                rule "Trial invitations expire after 3 days"
                when
                    $question : ExpiryQuestion( kind == "TRIAL" )
                then
                    $question.setValidForDays(3);
                end
                """, StandardCharsets.UTF_8);

        assertThat(ruleBook.reloadIfChanged()).isNull();

        assertThat(decisions.validityOf("TRIAL", false)).isEqualTo(Duration.ofDays(3));
        assertThat(ruleBook.status().files()).contains("trial.drl");
    }

    @Test
    void aBrokenRuleFileIsRefusedWithTheCompilerMessageAndTheLastGoodRulesKeepDeciding() throws IOException {
        Path policy = folder.resolve("invitation-policy.drl");
        String good = Files.readString(policy);
        Files.writeString(policy, good.replace("setValidForDays(14)", "setValidForDays(21)"));
        assertThat(ruleBook.reloadIfChanged()).isNull();
        Instant goodLoad = ruleBook.status().loadedAt();

        Files.writeString(policy, good.replace("setValidForDays(14);", "setValidForDays(7)\nend end ;;")
                .replace("kind == \"ADMIN\"", "kind == "));
        String problem = ruleBook.reloadIfChanged();

        assertThat(problem).isNotBlank().contains("invitation-policy.drl");
        assertThat(ruleBook.status().lastError()).isEqualTo(problem);
        assertThat(ruleBook.status().lastErrorAt()).isEqualTo(NOW);
        assertThat(ruleBook.status().loadedAt()).isEqualTo(goodLoad);
        assertThat(decisions.validityOf("GROUP", false)).isEqualTo(Duration.ofDays(21));
        assertThat(decisions.validityOf("ADMIN", false)).isEqualTo(Duration.ofDays(10));
        assertThat(decisions.decide(List.of(demand(1L, "A #1", 2, 1, null))).get(0).refused()).isTrue();

        assertThat(ruleBook.reloadIfChanged()).as("the same broken file is not compiled again").isNull();

        Files.writeString(policy, good);
        assertThat(ruleBook.reloadIfChanged()).isNull();
        assertThat(ruleBook.status().lastError()).isNull();
        assertThat(decisions.validityOf("GROUP", false)).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void removingEveryRuleFileIsRefusedAndTheLastGoodRulesStay() throws IOException {
        for (Path drl : realDrlFiles()) {
            Files.delete(folder.resolve(drl.getFileName()));
        }

        String problem = ruleBook.reloadIfChanged();

        assertThat(problem).contains("no .drl file");
        assertThat(ruleBook.status().lastError()).isEqualTo(problem);
        assertThat(decisions.validityOf("ADMIN", false)).isEqualTo(Duration.ofDays(10));
    }

    @Test
    void aBrokenRuleFileAtStartIsRefusedOutright() throws IOException {
        Path broken = Files.createDirectory(folder.resolve("broken"));
        Files.writeString(broken.resolve("broken.drl"), "package x\nrule \"half\" when then");

        assertThatThrownBy(() -> new RuleBook(broken, clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("do not compile").hasMessageContaining("broken.drl");
    }

    @Test
    void anEmptyRulesFolderAtStartIsRefusedRatherThanSilentlyUsingOtherRules() throws IOException {
        Path empty = Files.createDirectory(folder.resolve("empty"));

        assertThatThrownBy(() -> new RuleBook(empty, clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no .drl file found in " + empty.toAbsolutePath().normalize());
    }

    @Test
    void withoutARulesFolderTheCopiesShippedInTheJarAreUsed() {
        RuleBook fromJar = new RuleBook(folder.resolve("no-such-folder"), clock);
        DroolsDecisions jarDecisions = new DroolsDecisions(fromJar);

        assertThat(fromJar.status().source()).isEqualTo("classpath:rules/");
        assertThat(fromJar.status().files()).contains("seat-eligibility.drl", "invitation-policy.drl");
        assertThat(jarDecisions.validityOf("PROGRAMME", false)).isEqualTo(Duration.ofDays(28));
        assertThat(jarDecisions.decide(List.of(demand(null, "PRG-9", 1, 0, null))).get(0).reason())
                .startsWith("no seats for PRG-9");
    }
}
