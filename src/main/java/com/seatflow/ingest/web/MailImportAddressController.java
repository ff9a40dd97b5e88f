package com.seatflow.ingest.web;

import java.net.URI;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.ingest.MailImportAddresses;
import com.seatflow.organisation.OrgRoles;

/**
 * An organisation's address in the import mailbox. Only its own admins (and support) manage it: whoever holds the
 * address can submit files in the organisation's name, so chain managers and learning managers may not.
 */
@RestController
class MailImportAddressController {

    private final MailImportAddresses addresses;

    MailImportAddressController(MailImportAddresses addresses) {
        this.addresses = addresses;
    }

    /** The address made just now; it is never shown again. */
    record NewAddress(String address, String note) {
    }

    @PostMapping("/api/orgs/{org}/mail-import-address")
    @ApiResponse(responseCode = "201", description = "The new address, shown only now; any earlier one stops working")
    ResponseEntity<NewAddress> renew(@PathVariable String org, Authentication user) {
        checkOwnAdmin(org, user);
        String address = addresses.renew(org, user.getName());
        return ResponseEntity.created(URI.create("/api/orgs/" + org + "/mail-import-address"))
                .body(new NewAddress(address, "Keep this address secret: it is shown only now, and any earlier "
                        + "address of " + org + " no longer works"));
    }

    @GetMapping("/api/orgs/{org}/mail-import-address")
    MailImportAddresses.Issued describe(@PathVariable String org, Authentication user) {
        checkOwnAdmin(org, user);
        return addresses.describe(org);
    }

    @DeleteMapping("/api/orgs/{org}/mail-import-address")
    ResponseEntity<Void> revoke(@PathVariable String org, Authentication user) {
        checkOwnAdmin(org, user);
        addresses.revoke(org);
        return ResponseEntity.noContent().build();
    }

    private static void checkOwnAdmin(String org, Authentication user) {
        if (!OrgRoles.mayActOn(user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList(), org)) {
            throw new AccessDeniedException("Only the admins of " + org + " (and support) manage its mail import "
                    + "address");
        }
    }
}
