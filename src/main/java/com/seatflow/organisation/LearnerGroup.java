package com.seatflow.organisation;

public record LearnerGroup(long id, long orgId, String code, String name) {
}
