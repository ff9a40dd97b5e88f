package com.seatflow.platform;

import java.util.Optional;
import java.util.function.Predicate;

/** Looks through a failure's chain of causes, the failure itself first. */
public final class Causes {

    private Causes() {
    }

    /** Whether the failure or any of its causes passes {@code test}. */
    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        return first(failure, test).isPresent();
    }

    /** The first of the failure and its causes that is a {@code type}. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return first(failure, type::isInstance).map(type::cast);
    }

    private static Optional<Throwable> first(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
