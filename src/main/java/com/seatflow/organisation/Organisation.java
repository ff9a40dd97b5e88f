package com.seatflow.organisation;

public record Organisation(long id, String code, String name) {
}
