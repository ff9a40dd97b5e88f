package com.seatflow.licensing.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.GroupManagement;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;

/** An organisation's groups with their administrators and, per module (pool), the seats used and free. */
@RestController
class GroupSeatsController {

    private final OrganisationManagement organisations;
    private final GroupManagement groups;
    private final LicensingManagement licensing;
    private final Clock clock;

    GroupSeatsController(OrganisationManagement organisations, GroupManagement groups, LicensingManagement licensing,
            Clock clock) {
        this.organisations = organisations;
        this.groups = groups;
        this.licensing = licensing;
        this.clock = clock;
    }

    record ModuleSeats(long poolId, String productCode, String runCode, int total, int reserved, int consumed,
            int used, int free, Instant validUntil, boolean expired) {
    }

    record GroupView(String code, String name, List<String> admins, int members, List<ModuleSeats> modules) {
    }

    @GetMapping("/api/orgs/{org}/groups")
    List<GroupView> groups(@PathVariable String org) {
        Organisation organisation = organisations.require(org);
        Instant now = Instant.now(clock);
        Map<Long, List<ModuleSeats>> seatsByGroup = licensing.poolsOf(organisation.id()).stream()
                .filter(p -> p.groupId() != null)
                .collect(Collectors.groupingBy(SeatPool::groupId, Collectors.mapping(p -> new ModuleSeats(p.id(),
                        p.productCode(), p.runCode(), p.total(), p.reserved(), p.consumed(), p.used(), p.free(),
                        p.validUntil(), p.expiredAt(now)), Collectors.toList())));
        return groups.groupsOf(organisation.id()).stream()
                .map(g -> new GroupView(g.group().code(), g.group().name(), g.admins(), g.members(),
                        seatsByGroup.getOrDefault(g.group().id(), List.of())))
                .toList();
    }
}
