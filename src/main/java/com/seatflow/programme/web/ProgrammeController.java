package com.seatflow.programme.web;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.invitation.InvitationView;
import com.seatflow.licensing.LicensingManagement.Product;
import com.seatflow.licensing.LicensingManagement.ProgrammeRun;
import com.seatflow.licensing.ProductCatalogue;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.programme.ProgrammeInvitationManagement;
import com.seatflow.programme.ProgrammeInvitationManagement.Caller;
import com.seatflow.programme.ProgrammeInvitationManagement.InviteLearner;
import com.seatflow.programme.ProgrammeInvitationManagement.ProgrammeInvitation;
import com.seatflow.programme.ProgrammePermissions;

@RestController
class ProgrammeController {

    private final ProductCatalogue catalogue;
    private final ProgrammeInvitationManagement invitations;
    private final ProgrammePermissions permissions;

    ProgrammeController(ProductCatalogue catalogue, ProgrammeInvitationManagement invitations,
            ProgrammePermissions permissions) {
        this.catalogue = catalogue;
        this.invitations = invitations;
        this.permissions = permissions;
    }

    record NewProduct(String code, String name, String kind) {
    }

    record NewCode(String code) {
    }

    record ProgrammeView(Product programme, List<ProgrammeRun> runs) {
    }

    // ---- catalogue: everyone signed in reads it, support changes it ----

    @GetMapping("/api/products")
    List<Product> products() {
        return catalogue.products();
    }

    @GetMapping("/api/programmes/{code}")
    ProgrammeView programme(@PathVariable String code) {
        Product programme = catalogue.requireProgramme(code);
        return new ProgrammeView(programme, catalogue.runs(programme.id()));
    }

    @PostMapping("/api/support/products")
    @ResponseStatus(HttpStatus.CREATED)
    Product create(@RequestBody NewProduct product) {
        return catalogue.create(product.code(), product.name(), product.kind() == null ? "PROGRAMME" : product.kind());
    }

    @PatchMapping("/api/support/products/{code}")
    Product changeCode(@PathVariable String code, @RequestBody NewCode change) {
        return catalogue.changeCode(code, change.code());
    }

    @PostMapping("/api/support/programmes/{code}/runs")
    @ResponseStatus(HttpStatus.CREATED)
    ProgrammeRun addRun(@PathVariable String code, @RequestBody NewCode run) {
        return catalogue.addRun(code, run.code());
    }

    @PatchMapping("/api/support/programmes/{code}/runs/{run}")
    ProgrammeRun changeRunCode(@PathVariable String code, @PathVariable String run, @RequestBody NewCode change) {
        return catalogue.changeRunCode(code, run, change.code());
    }

    // ---- permissions: granted by the organisation's admins ----

    @PostMapping("/api/orgs/{org}/programme-permissions")
    @ResponseStatus(HttpStatus.CREATED)
    ProgrammePermissions.Grant grant(@PathVariable String org, @RequestBody ProgrammePermissions.Grant grant) {
        return permissions.grant(org, grant);
    }

    @DeleteMapping("/api/orgs/{org}/programme-permissions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable String org, @RequestBody ProgrammePermissions.Grant grant) {
        permissions.withdraw(org, grant);
    }

    // ---- invitations: learning managers and programme learner admins ----

    record InviteRequest(String externalLearnerId, String email, List<String> runCodes, Instant expiresAt) {
    }

    @PostMapping("/api/orgs/{org}/programmes/{code}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    List<ProgrammeInvitation> invite(@PathVariable String org, @PathVariable String code, @RequestBody InviteRequest request,
            Authentication caller) {
        return invitations.invite(org, code, new InviteLearner(request.externalLearnerId(), request.email(),
                request.runCodes(), request.expiresAt()), caller(caller));
    }

    @GetMapping("/api/orgs/{org}/programmes/{code}/runs/{run}/invitations")
    List<InvitationView> invitationsOfRun(@PathVariable String org, @PathVariable String code, @PathVariable String run,
            Authentication caller) {
        return invitations.invitationsOfRun(org, code, run, caller(caller));
    }

    @GetMapping("/api/orgs/{org}/programmes/{code}/runs/{run}/enrolments")
    List<LearnerAccounts.RunEnrolment> enrolmentsOfRun(@PathVariable String org, @PathVariable String code,
            @PathVariable String run, Authentication caller) {
        return invitations.enrolmentsOfRun(org, code, run, caller(caller));
    }

    @GetMapping("/api/orgs/{org}/programmes/{code}/invitations/{id}")
    ProgrammeInvitation invitation(@PathVariable String org, @PathVariable String code, @PathVariable long id,
            Authentication caller) {
        return invitations.invitation(org, code, id, caller(caller));
    }

    /** Replaces the invitation's shareable link; the answer holds the new one, the old one stops working. */
    @PostMapping("/api/orgs/{org}/programmes/{code}/invitations/{id}/share-link")
    @ResponseStatus(HttpStatus.CREATED)
    ProgrammeInvitation newShareLink(@PathVariable String org, @PathVariable String code, @PathVariable long id,
            Authentication caller) {
        return invitations.newShareLink(org, code, id, caller(caller));
    }

    @PostMapping("/api/orgs/{org}/programmes/{code}/invitations/{id}/cancel")
    InvitationView cancel(@PathVariable String org, @PathVariable String code, @PathVariable long id,
            Authentication caller) {
        return invitations.cancel(org, code, id, caller(caller));
    }

    private static Caller caller(Authentication authentication) {
        return new Caller(authentication.getName(),
                authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    }
}
