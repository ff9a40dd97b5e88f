package com.seatflow.licensing;

import com.seatflow.platform.ConflictException;

public class SeatsUnavailableException extends ConflictException {
    public SeatsUnavailableException(String message) {
        super(message);
    }
}
