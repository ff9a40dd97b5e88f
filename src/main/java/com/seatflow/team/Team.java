package com.seatflow.team;

import java.util.List;

/** An organisation's team: its administrators first, then the pending invitations. */
public record Team(String orgCode, String orgName, List<TeamMember> members) {
}
