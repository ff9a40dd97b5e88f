package com.seatflow.licensing.web;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.licensing.SeatPool;
import com.seatflow.licensing.SeatPurchases;
import com.seatflow.licensing.SeatPurchases.Purchase;
import com.seatflow.licensing.SeatPurchases.PurchaseOrder;
import com.seatflow.platform.TimeParameters;

/**
 * "Add seats" and "Add modules" from a group's own page (seeds 002 and 003): under the group's path, so its group
 * administrators may buy for it as well as whoever may act on the organisation. They buy for that group only.
 */
@RestController
class GroupPurchaseController {

    private final SeatPurchases purchases;

    GroupPurchaseController(SeatPurchases purchases) {
        this.purchases = purchases;
    }

    record GroupSeatsRequest(String productCode, Integer seats, String orderReference) {
    }

    record GroupModuleRequest(String productCode, String runCode, Integer seats, String validUntil,
            String orderReference, Boolean enrolMe) {
    }

    /** More seats for the group's pool of a module it holds. */
    @PostMapping("/api/orgs/{org}/groups/{group}/seats")
    PoolController.PoolView addSeats(@PathVariable String org, @PathVariable String group,
            @RequestBody GroupSeatsRequest request, Principal user) {
        SeatPool pool = purchases.addGroupSeats(org, group, request.productCode(), request.seats(),
                request.orderReference(), user.getName());
        return new PoolController.PoolView(pool, pool.free());
    }

    /** Seats of another module for the group; its members and pending invitations get the module too. */
    @PostMapping("/api/orgs/{org}/groups/{group}/modules")
    @ResponseStatus(HttpStatus.CREATED)
    Purchase addModule(@PathVariable String org, @PathVariable String group, @RequestBody GroupModuleRequest request,
            Principal user) {
        return purchases.purchase(org, new PurchaseOrder(request.productCode(), request.runCode(), request.seats(),
                TimeParameters.endOf("validUntil", request.validUntil()), request.orderReference(), group, null,
                Boolean.TRUE.equals(request.enrolMe())), user.getName());
    }
}
