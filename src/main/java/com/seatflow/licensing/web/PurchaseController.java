package com.seatflow.licensing.web;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.licensing.SeatAllocations;
import com.seatflow.licensing.SeatAllocations.Allocation;
import com.seatflow.licensing.SeatPool;
import com.seatflow.licensing.SeatPurchases;
import com.seatflow.licensing.SeatPurchases.NewGroup;
import com.seatflow.licensing.SeatPurchases.Purchase;
import com.seatflow.licensing.SeatPurchases.PurchaseOrder;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.platform.TimeParameters;

/** Buying seats ("Add seats", "Add modules", a new group) and allocating them to groups. */
@RestController
class PurchaseController {

    private final SeatPurchases purchases;
    private final SeatAllocations allocations;

    PurchaseController(SeatPurchases purchases, SeatAllocations allocations) {
        this.purchases = purchases;
        this.allocations = allocations;
    }

    /**
     * {@code validUntil}: an ISO-8601 time, or a date (valid through that day, UTC); {@code groupCode}: an existing
     * group; {@code newGroup}: a group to create, with the buyer as its administrator; {@code enrolMe}: enrol the
     * buyer too (one seat).
     */
    record PurchaseRequest(String productCode, String runCode, Integer seats, String validUntil, String orderReference,
            String groupCode, NewGroup newGroup, Boolean enrolMe) {
    }

    record AddSeatsRequest(Integer seats, String orderReference) {
    }

    record AllocationRequest(String groupCode, Integer seats) {
    }

    @PostMapping("/api/orgs/{org}/purchases")
    @ResponseStatus(HttpStatus.CREATED)
    Purchase purchase(@PathVariable String org, @RequestBody PurchaseRequest request, Authentication user) {
        if (request.newGroup() != null && !OrgRoles.mayActOn(user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList(), org)) {
            // its buyer becomes the group's administrator, which would outlast a chain manager's link to the member
            throw new AccessDeniedException("Only the admins of organisation " + org + " (and support) may open a new"
                    + " group: its buyer becomes the group's administrator");
        }
        return purchases.purchase(org, new PurchaseOrder(request.productCode(), request.runCode(), request.seats(),
                TimeParameters.endOf("validUntil", request.validUntil()), request.orderReference(),
                request.groupCode(), request.newGroup(), Boolean.TRUE.equals(request.enrolMe())), user.getName());
    }

    @PostMapping("/api/orgs/{org}/pools/{poolId}/seats")
    PoolController.PoolView addSeats(@PathVariable String org, @PathVariable long poolId,
            @RequestBody AddSeatsRequest request, Principal user) {
        SeatPool pool = purchases.addSeats(org, poolId, request.seats(), request.orderReference(), user.getName());
        return new PoolController.PoolView(pool, pool.free());
    }

    @PostMapping("/api/orgs/{org}/pools/{poolId}/allocations")
    @ResponseStatus(HttpStatus.CREATED)
    Allocation allocate(@PathVariable String org, @PathVariable long poolId, @RequestBody AllocationRequest request,
            Principal user) {
        return allocations.allocate(org, poolId, request.groupCode(), request.seats(), user.getName());
    }
}
