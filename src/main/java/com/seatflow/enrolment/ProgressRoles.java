package com.seatflow.enrolment;

/** Who may report progress: the learning platform's machine account (group {@value #PLATFORM}) and support. */
public final class ProgressRoles {

    /** The Camunda group of the learning platform's account(s). */
    public static final String PLATFORM = "platform";

    private ProgressRoles() {
    }
}
