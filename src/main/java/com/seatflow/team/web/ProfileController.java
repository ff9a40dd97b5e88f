package com.seatflow.team.web;

import java.security.Principal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.organisation.Person;
import com.seatflow.team.TeamManagement;

/** The signed-in user's own profile. Names are changed only here, so nobody can rename someone else. */
@RestController
class ProfileController {

    private final TeamManagement team;

    ProfileController(TeamManagement team) {
        this.team = team;
    }

    /** The rest of what GET /api/me answers may come back as it was: a read, change and write back works. */
    @JsonIgnoreProperties({"userId", "email"})
    record NewName(String firstName, String lastName) {
    }

    @GetMapping("/api/me")
    Person me(Principal user) {
        return team.profile(user.getName());
    }

    @PutMapping("/api/me")
    Person rename(@RequestBody NewName name, Principal user) {
        return team.rename(user.getName(), name.firstName(), name.lastName());
    }
}
