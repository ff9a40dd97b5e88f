package com.seatflow.invitation.web;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.invitation.GroupInvitations;
import com.seatflow.invitation.GroupInvitations.GroupInvitationResult;
import com.seatflow.invitation.InvitationView;

/** Inviting learners into a group by email; reached by the group's admins and the organisation's (see GroupSecurity). */
@RestController
class GroupInvitationController {

    private final GroupInvitations invitations;

    GroupInvitationController(GroupInvitations invitations) {
        this.invitations = invitations;
    }

    record Invitee(String email, String firstName, String lastName) {
    }

    @PostMapping("/api/orgs/{org}/groups/{group}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    GroupInvitationResult invite(@PathVariable String org, @PathVariable String group, @RequestBody Invitee invitee,
            Principal user) {
        return invitations.invite(org, group, invitee.email(), invitee.firstName(), invitee.lastName(), user.getName());
    }

    @GetMapping("/api/orgs/{org}/groups/{group}/invitations")
    List<InvitationView> list(@PathVariable String org, @PathVariable String group) {
        return invitations.list(org, group);
    }

    @PostMapping("/api/orgs/{org}/groups/{group}/invitations/{id}/resend")
    InvitationView resend(@PathVariable String org, @PathVariable String group, @PathVariable long id) {
        return invitations.resend(org, group, id);
    }

    @PostMapping("/api/orgs/{org}/groups/{group}/invitations/{id}/cancel")
    InvitationView cancel(@PathVariable String org, @PathVariable String group, @PathVariable long id,
            Principal user) {
        return invitations.cancel(org, group, id, user.getName());
    }
}
