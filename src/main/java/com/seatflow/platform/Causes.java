package com.seatflow.platform;

import java.util.function.Predicate;

/** Looks through a failure's chain of causes, the failure itself first. */
public final class Causes {

    private Causes() {
    }

    /** Whether the failure or any of its causes passes {@code test}. */
    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }
}
