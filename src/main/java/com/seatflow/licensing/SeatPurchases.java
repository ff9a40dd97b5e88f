package com.seatflow.licensing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.licensing.LicensingManagement.Product;
import com.seatflow.organisation.GroupManagement;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.organisation.Person;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.NotFoundException;

/**
 * Buying seats. There is no payment gateway: a purchase records the order that paid for it, and an order reference
 * is recorded once per organisation, so a repeated request never buys twice. A purchase opens a new pool for the
 * organisation or one of its groups (a new group, whose buyer becomes its administrator, or an existing one:
 * "Add modules"); more seats for a pool are added to it ("Add seats"). Everything a purchase does happens in one
 * transaction, under the organisation's lock.
 */
@Service
public class SeatPurchases {

    private static final Pattern GROUP_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final LicensingManagement licensing;
    private final OrganisationManagement organisations;
    private final GroupManagement groups;
    private final LearnerAccounts accounts;
    private final Identities identities;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SeatPurchases(LicensingManagement licensing, OrganisationManagement organisations, GroupManagement groups,
            LearnerAccounts accounts, Identities identities, JdbcClient jdbc, ApplicationEventPublisher events,
            Clock clock) {
        this.licensing = licensing;
        this.organisations = organisations;
        this.groups = groups;
        this.accounts = accounts;
        this.identities = identities;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** A group the purchase creates. */
    public record NewGroup(String code, String name) {
    }

    /**
     * What a buyer orders: seats of a product (or of one programme run) for the organisation, an existing group
     * ({@code groupCode}) or a new one ({@code newGroup}); {@code enrolMe} also enrols the buyer, taking one seat.
     */
    public record PurchaseOrder(String productCode, String runCode, Integer seats, Instant validUntil,
            String orderReference, String groupCode, NewGroup newGroup, boolean enrolMe) {
    }

    /** The buyer's own enrolment ("enrol me"): the learner account, and whether a seat was consumed for it. */
    public record BuyerEnrolment(long userAccountId, long enrolmentId, boolean seatConsumed, String note) {
    }

    public record Purchase(SeatPool pool, LearnerGroup group, boolean groupCreated, List<String> groupAdmins,
            BuyerEnrolment enrolment) {
    }

    @Transactional
    public Purchase purchase(String orgCode, PurchaseOrder order, String buyer) {
        String productCode = OrderInput.required("productCode", order.productCode());
        int seats = OrderInput.seats(order.seats());
        String orderReference = OrderInput.orderReference(order.orderReference());
        if (order.groupCode() != null && order.newGroup() != null) {
            throw new IllegalArgumentException("Give either groupCode (an existing group) or newGroup, not both");
        }
        NewGroup newGroup = order.newGroup() == null ? null : checked(order.newGroup());
        if (order.validUntil() != null && !order.validUntil().isAfter(Instant.now(clock))) {
            throw new IllegalArgumentException("validUntil must be in the future, was " + order.validUntil());
        }
        Organisation org = organisations.require(orgCode);
        organisations.lock(org.id());
        Product product = licensing.findProduct(productCode)
                .orElseThrow(() -> new NotFoundException("No product with code '" + productCode + "'"));
        Long runId = runOf(product, order.runCode());
        LearnerGroup group = null;
        if (order.groupCode() != null) {
            group = organisations.findGroup(org.id(), order.groupCode()).orElseThrow(() -> new NotFoundException(
                    "Organisation " + org.code() + " has no group '" + order.groupCode() + "'"));
        } else if (newGroup != null && organisations.findGroup(org.id(), newGroup.code()).isPresent()) {
            throw new ConflictException("Organisation " + org.code() + " already has a group '" + newGroup.code()
                    + "': buy for it with groupCode instead of newGroup");
        }
        refuseRecordedOrder(org, orderReference);
        if (group != null || newGroup == null) {
            refuseSecondLivePool(org, group, product, runId);
        }
        boolean groupCreated = false;
        if (newGroup != null) {
            group = organisations.createGroup(org.id(), newGroup.code(), newGroup.name());
            groups.grantAdmin(group.id(), buyer, buyer);
            groupCreated = true;
        }
        SeatPool pool = licensing.purchase(org.id(), group == null ? null : group.id(), product.id(), runId, seats,
                order.validUntil(), buyer, orderReference);
        if (group != null && !groupCreated) {
            // "Add modules": the group's members and pending invitations get the new module too (or, with too few
            // seats for them, the whole purchase is refused)
            events.publishEvent(new GroupModuleAdded(org.id(), group.id(), pool.id(), buyer, orderReference));
        }
        BuyerEnrolment enrolment = order.enrolMe() ? enrolBuyer(buyer, pool, group, orderReference) : null;
        return new Purchase(licensing.pool(pool.id()), group, groupCreated,
                group == null ? List.of() : groups.admins(group.id()), enrolment);
    }

    /** "Add seats": more seats for a pool of the organisation, paid by another order. */
    @Transactional
    public SeatPool addSeats(String orgCode, long poolId, Integer seats, String orderReference, String actor) {
        int added = OrderInput.seats(seats);
        String reference = OrderInput.orderReference(orderReference);
        Organisation org = organisations.require(orgCode);
        organisations.lock(org.id());
        SeatPool pool = licensing.findPool(poolId).filter(p -> p.orgId() == org.id())
                .orElseThrow(() -> new NotFoundException("Organisation " + org.code() + " has no seat pool " + poolId));
        if (pool.expiredAt(Instant.now(clock))) {
            throw new SeatsUnavailableException("Seat pool " + pool.label() + " expired on " + pool.validUntil()
                    + ": buy a new pool instead of adding seats to it");
        }
        refuseRecordedOrder(org, reference);
        licensing.apply(pool.id(), LedgerEntryType.ADD_SEATS, added, 0, 0, actor, "order " + reference,
                LedgerSource.api(reference));
        return licensing.pool(pool.id());
    }

    /**
     * "Add seats" from a group's own page: more seats for the group's live pool of the product, paid by another order
     * (the same as {@link #addSeats} on that pool). A group that holds no live pool of the product buys it first
     * ("Add modules").
     */
    @Transactional
    public SeatPool addGroupSeats(String orgCode, String groupCode, String productCode, Integer seats,
            String orderReference, String actor) {
        String code = OrderInput.required("productCode", productCode);
        Organisation org = organisations.require(orgCode);
        LearnerGroup group = organisations.findGroup(org.id(), groupCode).orElseThrow(() -> new NotFoundException(
                "Organisation " + org.code() + " has no group '" + groupCode + "'"));
        Product product = licensing.findProduct(code)
                .orElseThrow(() -> new NotFoundException("No product with code '" + code + "'"));
        SeatPool pool = licensing.liveGroupPoolOfProduct(org.id(), group.id(), product.id())
                .orElseThrow(() -> new ConflictException("Group " + group.code() + " holds no seats of " + code
                        + " that are still valid: add the module with POST /api/orgs/" + org.code() + "/groups/"
                        + group.code() + "/modules"));
        return addSeats(orgCode, pool.id(), seats, orderReference, actor);
    }

    private NewGroup checked(NewGroup group) {
        String code = OrderInput.required("newGroup.code", group.code());
        String name = OrderInput.required("newGroup.name", group.name());
        if (!GROUP_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("newGroup.code '" + code + "' must be 1 to 64 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        if (name.length() > 200) {
            throw new IllegalArgumentException("newGroup.name must be at most 200 characters");
        }
        return new NewGroup(code, name);
    }

    private Long runOf(Product product, String runCode) {
        if (runCode == null || runCode.isBlank()) {
            return null;
        }
        if (!"PROGRAMME".equals(product.kind())) {
            throw new IllegalArgumentException("Product " + product.code() + " is a " + product.kind()
                    + ": only programmes have runs (drop runCode)");
        }
        return licensing.findRun(product.id(), runCode.trim()).map(LicensingManagement.ProgrammeRun::id)
                .orElseThrow(() -> new NotFoundException("Programme " + product.code() + " has no run '"
                        + runCode.trim() + "'"));
    }

    /** An order pays once: a second purchase or top-up with the same reference is refused. */
    private void refuseRecordedOrder(Organisation org, String orderReference) {
        jdbc.sql("""
                SELECT l.pool_id FROM seat_ledger l JOIN seat_pool p ON p.id = l.pool_id
                 WHERE l.source_ref = ? AND l.source_type = 'API' AND l.entry_type IN ('PURCHASE', 'ADD_SEATS')
                   AND p.org_id = ?
                 ORDER BY l.id FETCH FIRST 1 ROWS ONLY""").params(orderReference, org.id()).query(Long.class).optional()
                .ifPresent(poolId -> {
                    throw new ConflictException("Order " + orderReference + " is already recorded for organisation "
                            + org.code() + " (seat pool " + poolId + "); an order buys seats once");
                });
    }

    /**
     * One live pool per owner and product (and run, for the organisation's own pools; a group's pool of a programme
     * is its only one, whatever the run): more seats go into it, so imports and allocations find them.
     */
    private void refuseSecondLivePool(Organisation org, LearnerGroup group, Product product, Long runId) {
        (group == null ? licensing.livePool(org.id(), null, product.id(), runId)
                : licensing.liveGroupPoolOfProduct(org.id(), group.id(), product.id())).ifPresent(pool -> {
            throw new ConflictException((group == null ? "Organisation " + org.code() : "Group " + group.code())
                    + " already holds seats for " + pool.label() + (pool.validUntil() == null ? ""
                            : " (valid until " + pool.validUntil() + ")")
                    + ": add seats to it with POST /api/orgs/" + org.code() + "/pools/" + pool.id() + "/seats");
        });
    }

    private BuyerEnrolment enrolBuyer(String buyer, SeatPool pool, LearnerGroup group, String orderReference) {
        Person profile = identities.person(buyer)
                .orElseThrow(() -> new IllegalArgumentException("enrolMe: there is no user '" + buyer + "' to enrol"));
        if (profile.email() == null || profile.email().isBlank()) {
            throw new IllegalArgumentException("enrolMe: user '" + buyer
                    + "' has no email address, so no learner account can be made for them");
        }
        long accountId = accounts.findOrCreate(profile.email(), profile.firstName(), profile.lastName(), null).id();
        if (group != null) {
            groups.addMember(group.id(), accountId);
        }
        Optional<Long> enrolled = existingEnrolment(accountId, pool);
        if (enrolled.isPresent()) {
            return new BuyerEnrolment(accountId, enrolled.get(), false, "already enrolled on " + pool.productCode()
                    + " (enrolment #" + enrolled.get() + "): no seat consumed");
        }
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO enrolment (user_id, product_id, run_id, pool_id, status, progress, started_at)
                VALUES (?, ?, ?, ?, 'ACTIVE', 0, ?)""")
                .params(accountId, pool.productId(), pool.runId(), pool.id(), OffsetDateTime.now(clock))
                .update(key, "id");
        long enrolmentId = key.getKeyAs(Number.class).longValue();
        licensing.apply(pool.id(), LedgerEntryType.CONSUME, 0, 0, 1, buyer,
                "enrolled the buyer " + buyer + " (enrolment #" + enrolmentId + ")", LedgerSource.api(orderReference));
        return new BuyerEnrolment(accountId, enrolmentId, true, "enrolled on " + pool.productCode()
                + (pool.runCode() == null ? "" : "/" + pool.runCode()) + ": one seat consumed");
    }

    private Optional<Long> existingEnrolment(long accountId, SeatPool pool) {
        var statement = jdbc.sql("SELECT id FROM enrolment WHERE user_id = :user AND product_id = :product AND "
                + (pool.runId() == null ? "run_id IS NULL" : "run_id = :run")
                + " AND status IN ('ACTIVE', 'COMPLETED') ORDER BY id FETCH FIRST 1 ROWS ONLY")
                .param("user", accountId).param("product", pool.productId());
        if (pool.runId() != null) {
            statement = statement.param("run", pool.runId());
        }
        return statement.query(Long.class).optional();
    }
}
