package com.seatflow.group;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.seatflow.enrolment.EnrolmentManagement;
import com.seatflow.invitation.AcceptanceForm;
import com.seatflow.licensing.LedgerSource;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.GroupManagement;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.organisation.LearnerAccounts.Account;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.EmailAddresses;
import com.seatflow.platform.NotFoundException;
import com.seatflow.platform.SqlTime;
import com.seatflow.rules.KeyRedemption;
import com.seatflow.rules.KeyRefusal;
import com.seatflow.rules.PoolDemand;
import com.seatflow.rules.SeatEligibility;

/**
 * Enrolment keys: a group's administrators generate them and hand the codes out; whoever redeems one gets an account
 * (if new), joins the group and takes a seat on each of its modules. The seat-eligibility rules decide every
 * redemption; a key is never used beyond its limit, even by simultaneous requests.
 */
@Service
public class EnrolmentKeys {

    static final int MAX_USES_PER_KEY = 100_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final LearnerGroupManagement groups;
    private final GroupManagement memberships;
    private final OrganisationManagement organisations;
    private final LearnerAccounts accounts;
    private final EnrolmentManagement enrolments;
    private final SeatEligibility eligibility;
    private final KeyThrottle throttle;
    private final KeySettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    EnrolmentKeys(JdbcClient jdbc, JdbcTemplate batch, LearnerGroupManagement groups, GroupManagement memberships,
            OrganisationManagement organisations,
            LearnerAccounts accounts, EnrolmentManagement enrolments, SeatEligibility eligibility, KeyThrottle throttle,
            KeySettings settings, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.groups = groups;
        this.memberships = memberships;
        this.organisations = organisations;
        this.accounts = accounts;
        this.enrolments = enrolments;
        this.eligibility = eligibility;
        this.throttle = throttle;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    private record KeyRow(long id, long groupId, int useLimit, int uses, Instant expiresAt) {
    }

    /** Makes new keys for the group; their codes are in the answer and nowhere else. */
    @Transactional
    public GeneratedKeys generate(String orgCode, String groupCode, KeyGeneration request, String actor) {
        LearnerGroup group = groups.require(orgCode, groupCode);
        int count = request.count() == null ? 0 : request.count();
        if (count < 1 || count > settings.maxPerRequest()) {
            throw new IllegalArgumentException("count must be between 1 and " + settings.maxPerRequest() + ", was "
                    + request.count());
        }
        int uses = request.usesPerKey() == null ? 1 : request.usesPerKey();
        if (uses < 1 || uses > MAX_USES_PER_KEY) {
            throw new IllegalArgumentException("usesPerKey must be between 1 and " + MAX_USES_PER_KEY + ", was " + uses);
        }
        Instant now = Instant.now(clock);
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw new IllegalArgumentException("expiresAt " + request.expiresAt() + " is not in the future");
        }
        List<String> codes = IntStream.range(0, count).mapToObj(i -> KeyCodes.newCode()).toList();
        OffsetDateTime created = SqlTime.of(now);
        batch.batchUpdate("""
                INSERT INTO enrolment_key (group_id, code_hash, use_limit, uses, expires_at, created_by, created_at)
                VALUES (?, ?, ?, 0, ?, ?, ?)""",
                codes.stream().map(code -> new Object[] {group.id(), KeyCodes.hash(code), uses,
                        SqlTime.of(request.expiresAt()), actor, created}).toList());
        Map<String, Long> idByHash = jdbc.sql("SELECT id, code_hash FROM enrolment_key WHERE group_id = :group AND code_hash IN (:hashes)")
                .param("group", group.id()).param("hashes", codes.stream().map(KeyCodes::hash).toList())
                .query((rs, n) -> Map.entry(rs.getString("code_hash"), rs.getLong("id"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new GeneratedKeys(orgCode, group.code(), uses, request.expiresAt(), codes.stream()
                .map(code -> new GeneratedKeys.Code(idByHash.get(KeyCodes.hash(code)), code)).toList());
    }

    public List<EnrolmentKeyView> list(String orgCode, String groupCode) {
        return jdbc.sql("""
                SELECT id, use_limit, uses, expires_at,
                       CASE WHEN expires_at IS NOT NULL AND expires_at <= :now THEN 'EXPIRED'
                            WHEN uses >= use_limit THEN 'USED_UP' ELSE 'ACTIVE' END AS status,
                       created_by, created_at
                  FROM enrolment_key WHERE group_id = :group ORDER BY id""")
                .param("now", OffsetDateTime.now(clock)).param("group", groups.require(orgCode, groupCode).id())
                .query(EnrolmentKeyView.class).list();
    }

    /**
     * Redeems a key for the learner with this email. {@code client} is the caller's address: wrong codes and wrong
     * passwords count against it ({@link KeyThrottle}). Refusals change nothing: an unknown key is a
     * {@link NotFoundException}, the other refusals of the rules are {@link ConflictException}s, bad input is an
     * {@link IllegalArgumentException}.
     */
    public Redeemed redeem(KeyRedemptionRequest request, String client) {
        throttle.check(client);
        if (request.code() == null || request.code().isBlank()) {
            throw new IllegalArgumentException("code is required: the enrolment key, e.g. ABCDE-FGHJK-MNPQR-STUVW-XYZ23-45678");
        }
        String email = EmailAddresses.requireValid(request.email(), "email");
        Optional<KeyRow> key = jdbc.sql("SELECT id, group_id, use_limit, uses, expires_at FROM enrolment_key WHERE code_hash = ?")
                .param(KeyCodes.hash(request.code())).query(KeyRow.class).optional();
        if (key.isEmpty()) {
            throttle.recordFailure(client);
            throw refused(eligibility.decide(KeyRedemption.unknownKey(), List.of())
                    .orElseThrow(() -> new IllegalStateException("The seat-eligibility rules accept an unknown key")));
        }
        Optional<Account> existing = accounts.byEmail(email);
        String passwordHash = null;
        if (existing.isEmpty()) {
            passwordHash = accounts.hashPassword(new AcceptanceForm(request.password(), request.password()).newPassword());
            requireName(request.firstName(), "firstName");
            requireName(request.lastName(), "lastName");
        } else if (existing.get().hasPassword() && !accounts.passwordMatches(existing.get().id(), request.password())) {
            throttle.recordFailure(client);
            throw new IllegalArgumentException(email + " already has an account: enter that account's password to "
                    + "redeem the key");
        }
        String newAccountPasswordHash = passwordHash;
        return transaction.execute(status -> redeemLocked(key.get().id(), email, request.firstName(),
                request.lastName(), newAccountPasswordHash));
    }

    private Redeemed redeemLocked(long keyId, String email, String firstName, String lastName, String passwordHash) {
        LearnerGroup group = organisations.groupById(keyRow(keyId).groupId());
        organisations.lock(group.orgId());
        KeyRow key = keyRow(keyId);
        Optional<Account> account = accounts.byEmail(email);
        List<GroupModule> modules = groups.modules(group);
        boolean alreadyMember = account.isPresent() && (groups.isMember(group.id(), account.get().id())
                || !enrolments.currentInPools(account.get().id(), groups.poolIdsOf(group)).isEmpty());
        Instant now = Instant.now(clock);
        List<SeatPool> seats = modules.stream().map(m -> m.poolForNewSeat(now)).toList();
        List<PoolDemand> demands = seats.stream()
                .map(p -> new PoolDemand(p.id(), p.label(), 1, p.free(), p.validUntil(), now)).toList();
        eligibility.decide(new KeyRedemption(group.name(), key.uses(), key.useLimit(), key.expiresAt(), now,
                alreadyMember, modules.size()), demands).ifPresent(refusal -> {
                    throw refused(refusal);
                });
        int counted = jdbc.sql("""
                UPDATE enrolment_key SET uses = uses + 1
                 WHERE id = ? AND uses < use_limit AND (expires_at IS NULL OR expires_at > ?)""")
                .params(keyId, SqlTime.of(now)).update();
        if (counted == 0) {
            throw new ConflictException("key used up: it has been used " + key.useLimit() + " of " + key.useLimit()
                    + " time(s)");
        }
        Account learner = account.orElseGet(() -> accounts.findOrCreate(email, firstName.strip(), lastName.strip(),
                passwordHash));
        memberships.addMember(group.id(), learner.id());
        for (SeatPool pool : seats) {
            enrolments.enrol(learner.id(), pool, "learner #" + learner.id(), "enrolment key #" + keyId + " redeemed",
                    LedgerSource.api("enrolment-key-" + keyId));
        }
        jdbc.sql("INSERT INTO enrolment_key_use (key_id, user_id, redeemed_at) VALUES (?, ?, ?)")
                .params(keyId, learner.id(), SqlTime.of(now)).update();
        String note = account.isPresent() && !learner.hasPassword()
                ? "Your account has no password yet: set it with the link in your invitation mail." : null;
        return new Redeemed(learner.email(), organisations.byId(group.orgId()).name(), group.name(),
                seats.stream().map(SeatPool::productCode).toList(), account.isEmpty(), note);
    }

    private KeyRow keyRow(long keyId) {
        return jdbc.sql("SELECT id, group_id, use_limit, uses, expires_at FROM enrolment_key WHERE id = ?").param(keyId)
                .query(KeyRow.class).single();
    }

    private static RuntimeException refused(KeyRefusal refusal) {
        return refusal.kind() == KeyRefusal.Kind.UNKNOWN_KEY ? new NotFoundException(refusal.reason())
                : new ConflictException(refusal.reason());
    }

    private static void requireName(String name, String field) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(field + " is required for a new account");
        }
        if (name.strip().length() > 100) {
            throw new IllegalArgumentException(field + " must not be longer than 100 characters");
        }
    }
}
