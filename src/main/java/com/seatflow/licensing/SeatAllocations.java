package com.seatflow.licensing;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.NotFoundException;

/**
 * Moves seats from an organisation's own pool to one of its groups: an ALLOCATE entry out of the organisation's pool
 * and one into the group's pool of the same product (created, with the same validity, if the group has none), in one
 * transaction. The organisation's lock serialises allocations (so a group never gets two pools for one product), and
 * the conditional UPDATE of {@link LicensingManagement#apply} refuses to take more seats than are free.
 */
@Service
public class SeatAllocations {

    private final LicensingManagement licensing;
    private final OrganisationManagement organisations;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SeatAllocations(LicensingManagement licensing, OrganisationManagement organisations,
            ApplicationEventPublisher events, Clock clock) {
        this.licensing = licensing;
        this.organisations = organisations;
        this.events = events;
        this.clock = clock;
    }

    /** The pools after an allocation: the organisation's ({@code from}) and the group's ({@code to}). */
    public record Allocation(int seats, String groupCode, SeatPool from, SeatPool to) {
    }

    @Transactional
    public Allocation allocate(String orgCode, long poolId, String groupCode, Integer seats, String actor) {
        int moved = OrderInput.seats(seats);
        String code = OrderInput.required("groupCode", groupCode);
        Organisation org = organisations.require(orgCode);
        organisations.lock(org.id());
        SeatPool source = licensing.findPool(poolId).filter(p -> p.orgId() == org.id())
                .orElseThrow(() -> new NotFoundException("Organisation " + org.code() + " has no seat pool " + poolId));
        if (source.groupId() != null) {
            throw new IllegalArgumentException("Seat pool " + source.label() + " belongs to group "
                    + organisations.groupById(source.groupId()).code()
                    + ": allocate from one of the organisation's own pools");
        }
        LearnerGroup group = organisations.findGroup(org.id(), code).orElseThrow(
                () -> new NotFoundException("Organisation " + org.code() + " has no group '" + code + "'"));
        if (source.expiredAt(Instant.now(clock))) {
            throw new SeatsUnavailableException("Seat pool " + source.label() + " expired on " + source.validUntil()
                    + ": an expired pool gives no new seats");
        }
        Optional<SeatPool> held = licensing.liveGroupPoolOfProduct(org.id(), group.id(), source.productId());
        if (held.isPresent() && !Objects.equals(held.get().runId(), source.runId())) {
            throw new ConflictException("Group " + group.code() + " already holds seats for " + held.get().label()
                    + ": a group holds one pool per product, since each member takes one seat of each of its pools;"
                    + " allocate from a pool of the same run");
        }
        long target = held.map(SeatPool::id).orElseGet(() -> licensing.openPool(org.id(), group.id(),
                source.productId(), source.runId(), source.validUntil()));
        LedgerSource why = LedgerSource.api("allocation #" + source.id() + "->#" + target);
        licensing.apply(source.id(), LedgerEntryType.ALLOCATE, -moved, 0, 0, actor,
                "allocated " + moved + " seat(s) to group " + group.code() + " (pool #" + target + ")", why);
        licensing.apply(target, LedgerEntryType.ALLOCATE, moved, 0, 0, actor,
                "allocated " + moved + " seat(s) from the organisation's pool #" + source.id(), why);
        if (held.isEmpty()) {
            // a module new to the group: its members and pending invitations get it too (or nothing is allocated)
            events.publishEvent(new GroupModuleAdded(org.id(), group.id(), target, actor, why.reference()));
        }
        return new Allocation(moved, group.code(), licensing.pool(source.id()), licensing.pool(target));
    }
}
