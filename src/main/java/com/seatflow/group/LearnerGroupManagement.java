package com.seatflow.group;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.enrolment.Enrolment;
import com.seatflow.enrolment.EnrolmentManagement;
import com.seatflow.enrolment.ProgressRow;
import com.seatflow.invitation.LearnerInvitations;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.ProductCatalogue;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.GroupManagement;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.organisation.LearnerAccounts.Account;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.organisation.Person;
import com.seatflow.platform.NotFoundException;
import com.seatflow.platform.Normalise;

/** Groups of an organisation: their modules and seats, members, progress, and removing members. */
@Service
public class LearnerGroupManagement {

    private final JdbcClient jdbc;
    private final OrganisationManagement organisations;
    private final LicensingManagement licensing;
    private final ProductCatalogue catalogue;
    private final LearnerAccounts accounts;
    private final EnrolmentManagement enrolments;
    private final LearnerInvitations invitations;
    private final RefundRequests refunds;
    private final RefundReviewWorkflow refundReview;
    private final GroupAdmins admins;
    private final GroupManagement groups;
    private final Identities identities;
    private final Clock clock;

    LearnerGroupManagement(JdbcClient jdbc, OrganisationManagement organisations, LicensingManagement licensing,
            ProductCatalogue catalogue, LearnerAccounts accounts, EnrolmentManagement enrolments,
            LearnerInvitations invitations, RefundRequests refunds, RefundReviewWorkflow refundReview,
            GroupAdmins admins, GroupManagement groups, Identities identities, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.licensing = licensing;
        this.catalogue = catalogue;
        this.accounts = accounts;
        this.enrolments = enrolments;
        this.invitations = invitations;
        this.refunds = refunds;
        this.refundReview = refundReview;
        this.admins = admins;
        this.groups = groups;
        this.identities = identities;
        this.clock = clock;
    }

    public LearnerGroup require(String orgCode, String groupCode) {
        return organisations.findGroup(organisations.require(orgCode).id(), groupCode)
                .orElseThrow(() -> new NotFoundException("Organisation " + orgCode + " has no group '" + groupCode + "'"));
    }

    public GroupView overview(String orgCode, String groupCode) {
        return view(require(orgCode, groupCode));
    }

    /** The groups this user administers (rows of group_admin), each with its seats per module. */
    public List<GroupView> administeredBy(String userId) {
        return admins.groupsOf(userId).stream().map(organisations::groupById).map(this::view).toList();
    }

    public List<GroupMember> members(String orgCode, String groupCode) {
        return jdbc.sql("""
                SELECT u.email, u.first_name, u.last_name, m.added_at FROM group_member m
                  JOIN user_account u ON u.id = m.user_id
                 WHERE m.group_id = ? ORDER BY u.email_norm""").param(require(orgCode, groupCode).id())
                .query(GroupMember.class).list();
    }

    public List<ProgressRow> progress(String orgCode, String groupCode) {
        return enrolments.progressOfGroup(require(orgCode, groupCode).id());
    }

    public List<RefundView> refunds(String orgCode, String groupCode) {
        return refunds.ofGroup(require(orgCode, groupCode).id());
    }

    /**
     * Removes a member: their enrolments on the group's seats end (REMOVED; the seats stay used), a still pending
     * invitation to the group is canceled, and they leave the group. With a refund request, the refund-review
     * process decides for each ended enrolment whether its seat comes back. All or nothing.
     */
    @Transactional
    public MemberRemoved removeMember(String orgCode, String groupCode, String email, RemovalRequest request,
            String actor) {
        LearnerGroup group = require(orgCode, groupCode);
        RemovalRequest removal = request == null ? RemovalRequest.NO_REFUND : request;
        String reason = removal.refundRequested() ? refundReason(removal.reason()) : null;
        organisations.lock(group.orgId());
        Account member = accounts.byEmail(email).filter(a -> isMember(group.id(), a.id()))
                .orElseThrow(() -> new NotFoundException(email + " is not a member of the group " + group.code()));

        List<Enrolment> ended = enrolments.removeFromPools(member.id(), poolIdsOf(group));
        cancelPendingInvitations(group, member, actor);
        jdbc.sql("DELETE FROM group_member WHERE group_id = ? AND user_id = ?").params(group.id(), member.id()).update();

        List<Long> refundIds = new ArrayList<>();
        if (reason != null) {
            String requesterEmail = identities.person(actor).map(Person::email).filter(e -> !e.isBlank()).orElse(null);
            for (Enrolment enrolment : ended) {
                long id = refunds.record(group, enrolment, reason, actor, requesterEmail);
                refundReview.start(id);
                refundIds.add(id);
            }
        }
        return new MemberRemoved(member.email(), group.code(), ended.stream().map(Enrolment::productCode).toList(),
                refunds.byIds(refundIds));
    }

    boolean isMember(long groupId, long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM group_member WHERE group_id = ? AND user_id = ?").params(groupId, userId)
                .query(Integer.class).single() > 0;
    }

    /** The modules the group holds seats for, in the order they were bought. */
    List<GroupModule> modules(LearnerGroup group) {
        Map<Long, List<SeatPool>> byProduct = new LinkedHashMap<>();
        licensing.poolsOf(group.orgId()).stream().filter(p -> p.groupId() != null && p.groupId() == group.id())
                .forEach(p -> byProduct.computeIfAbsent(p.productId(), id -> new ArrayList<>()).add(p));
        return byProduct.values().stream()
                .map(pools -> new GroupModule(pools.get(0).productId(), pools.get(0).productCode(), pools)).toList();
    }

    List<Long> poolIdsOf(LearnerGroup group) {
        return modules(group).stream().flatMap(m -> m.pools().stream()).map(SeatPool::id).toList();
    }

    private GroupView view(LearnerGroup group) {
        Organisation org = organisations.byId(group.orgId());
        Instant now = Instant.now(clock);
        List<ModuleSeats> modules = modules(group).stream()
                .map(m -> m.seats(catalogue.product(m.code()).map(p -> p.name()).orElse(m.code()), now)).toList();
        int members = jdbc.sql("SELECT COUNT(*) FROM group_member WHERE group_id = ?").param(group.id())
                .query(Integer.class).single();
        return new GroupView(org.code(), org.name(), group.code(), group.name(), modules, members,
                groups.admins(group.id()));
    }

    private void cancelPendingInvitations(LearnerGroup group, Account member, String actor) {
        jdbc.sql("""
                SELECT id FROM invitation
                 WHERE org_id = ? AND group_id = ? AND email_norm = ? AND status = 'PENDING'""")
                .params(group.orgId(), group.id(), Normalise.email(member.email())).query(Long.class).list()
                .forEach(id -> invitations.cancel(group.orgId(), id, actor));
    }

    private static String refundReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required when a refund is requested, e.g. \"added by mistake\"");
        }
        if (reason.strip().length() > 500) {
            throw new IllegalArgumentException("reason must not be longer than 500 characters");
        }
        return reason.strip();
    }
}
