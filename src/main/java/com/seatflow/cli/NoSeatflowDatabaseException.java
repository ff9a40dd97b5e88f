package com.seatflow.cli;

/** A command's settings point at a database that Seatflow never set up. */
public class NoSeatflowDatabaseException extends RuntimeException {

    NoSeatflowDatabaseException(String message) {
        super(message);
    }
}
