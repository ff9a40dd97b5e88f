package com.seatflow.group;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.seatflow.invitation.LearnerInvitations;
import com.seatflow.licensing.GroupModuleAdded;
import com.seatflow.licensing.LedgerEntryType;
import com.seatflow.licensing.LedgerSource;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.licensing.SeatsUnavailableException;
import com.seatflow.organisation.OrganisationManagement;

/**
 * "Add modules" (seed 003): a module added to a group later is the group's like the others, so every member gets a
 * seat of it at once (active enrolments, one CONSUME entry) and every pending invitation to the group holds a seat of
 * it too (one RESERVE entry), which acceptance then consumes. A member whose invitation is still pending (a group file
 * places its learners in the group before they accept) is served through that invitation, not enrolled at once; a
 * member who already holds the product (another way in) takes no second seat. It runs inside the transaction that
 * opened the group's pool: with fewer free seats than the group needs, it refuses, and the purchase or allocation
 * changes nothing.
 */
@Component
class NewGroupModules {

    private final LicensingManagement licensing;
    private final LearnerInvitations invitations;
    private final OrganisationManagement organisations;
    private final JdbcClient jdbc;
    private final Clock clock;

    NewGroupModules(LicensingManagement licensing, LearnerInvitations invitations,
            OrganisationManagement organisations, JdbcClient jdbc, Clock clock) {
        this.licensing = licensing;
        this.invitations = invitations;
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void giveToMembersAndPendingInvitations(GroupModuleAdded added) {
        SeatPool pool = licensing.pool(added.poolId());
        List<Long> members = jdbc.sql("""
                SELECT m.user_id FROM group_member m JOIN user_account u ON u.id = m.user_id
                 WHERE m.group_id = :group
                   AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.user_id = m.user_id AND e.product_id = :product
                                      AND e.status IN ('ACTIVE', 'COMPLETED'))
                   AND NOT EXISTS (SELECT 1 FROM invitation i WHERE i.group_id = :group AND i.kind = 'GROUP'
                                      AND i.status = 'PENDING' AND i.email_norm = u.email_norm)
                 ORDER BY m.added_at, m.user_id""")
                .param("group", added.groupId()).param("product", pool.productId()).query(Long.class).list();
        List<Long> pending = jdbc.sql("""
                SELECT i.id FROM invitation i
                 WHERE i.group_id = ? AND i.kind = 'GROUP' AND i.status = 'PENDING' AND i.expires_at > ?
                   AND NOT EXISTS (SELECT 1 FROM invitation_seat s WHERE s.invitation_id = i.id AND s.pool_id = ?)
                 ORDER BY i.id""")
                .params(added.groupId(), OffsetDateTime.now(clock), pool.id()).query(Long.class).list();
        int needed = members.size() + pending.size();
        if (needed == 0) {
            return;
        }
        String group = organisations.groupById(added.groupId()).code();
        if (pool.free() < needed) {
            throw new SeatsUnavailableException("Group " + group + " has " + members.size() + " member(s) and "
                    + pending.size() + " pending invitation(s), each of whom gets a seat of every module of the group: "
                    + pool.productCode() + " needs at least " + needed + " seat(s) for them, " + pool.free()
                    + " would be free");
        }
        LedgerSource source = LedgerSource.api(added.sourceRef());
        String why = "module " + pool.productCode() + " added to group " + group + ": ";
        if (!members.isEmpty()) {
            licensing.apply(pool.id(), LedgerEntryType.CONSUME, 0, 0, members.size(), added.actor(),
                    why + members.size() + " member(s) enrolled", source);
            invitations.enrolAll(members, pool);
        }
        if (!pending.isEmpty()) {
            licensing.reserve(pool.id(), pending.size(), added.actor(),
                    why + "held for " + pending.size() + " pending invitation(s)", source);
            invitations.holdSeats(pending, pool.id());
        }
    }
}
