package com.seatflow.team.web;

import java.net.URI;
import java.security.Principal;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.team.Team;
import com.seatflow.team.TeamManagement;
import com.seatflow.team.TeamMember;

/** The team of administrators; the security chain lets only the organisation's admins and support in. */
@RestController
class TeamController {

    private final TeamManagement team;

    TeamController(TeamManagement team) {
        this.team = team;
    }

    record Invitee(String email, String firstName, String lastName) {
    }

    @GetMapping("/api/orgs/{org}/team")
    Team team(@PathVariable String org) {
        return team.team(org);
    }

    @PostMapping("/api/orgs/{org}/team/invitations")
    @ApiResponse(responseCode = "201", description = "Invited: the invitation mail goes out")
    ResponseEntity<TeamMember> invite(@PathVariable String org, @RequestBody Invitee invitee, Principal user) {
        TeamMember invited = team.invite(org, invitee.email(), invitee.firstName(), invitee.lastName(), user.getName());
        return ResponseEntity.created(URI.create("/api/orgs/" + org + "/team")).body(invited);
    }

    @PostMapping("/api/orgs/{org}/team/invitations/{id}/resend")
    TeamMember resend(@PathVariable String org, @PathVariable long id, Principal user) {
        return team.resend(org, id, user.getName());
    }

    @PostMapping("/api/orgs/{org}/team/invitations/{id}/revoke")
    ResponseEntity<Void> revoke(@PathVariable String org, @PathVariable long id, Principal user) {
        team.revoke(org, id, user.getName());
        return ResponseEntity.noContent().build();
    }
}
