package com.seatflow.group;

import java.time.Instant;

public record GroupMember(String email, String firstName, String lastName, Instant addedAt) {
}
