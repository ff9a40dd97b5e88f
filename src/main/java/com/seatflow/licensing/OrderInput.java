package com.seatflow.licensing;

/** Checks of the values a buyer or an admin sends, each failing with a message that names the value. */
final class OrderInput {

    static final int MAX_SEATS = 1_000_000;
    static final int MAX_ORDER_REFERENCE = 100;

    private OrderInput() {
    }

    static int seats(Integer seats) {
        if (seats == null) {
            throw new IllegalArgumentException("seats is required (a whole number from 1 to " + MAX_SEATS + ")");
        }
        if (seats <= 0 || seats > MAX_SEATS) {
            throw new IllegalArgumentException("seats must be from 1 to " + MAX_SEATS + ", was " + seats);
        }
        return seats;
    }

    static String orderReference(String orderReference) {
        if (orderReference == null || orderReference.isBlank()) {
            throw new IllegalArgumentException("orderReference is required: the order that paid for the seats");
        }
        String trimmed = orderReference.trim();
        if (trimmed.length() > MAX_ORDER_REFERENCE) {
            throw new IllegalArgumentException("orderReference must be at most " + MAX_ORDER_REFERENCE
                    + " characters, was " + trimmed.length());
        }
        return trimmed;
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }
}
