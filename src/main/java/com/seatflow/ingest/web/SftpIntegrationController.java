package com.seatflow.ingest.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.ingest.SftpIntegrationManagement;
import com.seatflow.ingest.SftpIntegrationRequest;
import com.seatflow.ingest.SftpIntegrationView;
import com.seatflow.organisation.OrgRoles;

/**
 * An organisation's SFTP integrations. They hold credentials to the organisation's own servers, so only its admins
 * and support manage them: on top of the /api/orgs/{org}/** rule (which also lets chain managers and learning
 * managers through to some paths), every endpoint checks the caller is one of those.
 */
@RestController
@RequestMapping("/api/orgs/{org}/integrations/sftp")
class SftpIntegrationController {

    private final SftpIntegrationManagement integrations;

    SftpIntegrationController(SftpIntegrationManagement integrations) {
        this.integrations = integrations;
    }

    @GetMapping
    List<SftpIntegrationView> list(@PathVariable String org, Authentication caller) {
        checkAdmin(org, caller);
        return integrations.list(org);
    }

    @GetMapping("/{id}")
    SftpIntegrationView get(@PathVariable String org, @PathVariable long id, Authentication caller) {
        checkAdmin(org, caller);
        return integrations.get(org, id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SftpIntegrationView create(@PathVariable String org, @RequestBody SftpIntegrationRequest request,
            Authentication caller) {
        checkAdmin(org, caller);
        return integrations.create(org, request, caller.getName());
    }

    @PutMapping("/{id}")
    SftpIntegrationView update(@PathVariable String org, @PathVariable long id,
            @RequestBody SftpIntegrationRequest request, Authentication caller) {
        checkAdmin(org, caller);
        return integrations.update(org, id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String org, @PathVariable long id, Authentication caller) {
        checkAdmin(org, caller);
        integrations.delete(org, id);
    }

    private static void checkAdmin(String org, Authentication caller) {
        List<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        if (!OrgRoles.mayActOn(groups, org)) {
            throw new AccessDeniedException("Only the admins of organisation " + org
                    + " (and support) may manage its SFTP integrations");
        }
    }
}
