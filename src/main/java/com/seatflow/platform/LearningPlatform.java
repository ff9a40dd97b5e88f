package com.seatflow.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The provider's learning platform, where learners take their courses: outside Seatflow, which it reports progress
 * to. Learner pages and mails tell learners to sign in there, with its address when
 * {@code seatflow.learning-platform-url} is set.
 */
@Component
public class LearningPlatform {

    private final String url;

    LearningPlatform(@Value("${seatflow.learning-platform-url:}") String url) {
        this.url = url.strip();
    }

    /** "the learning platform", or "the learning platform at https://learn.example.org". */
    public String named() {
        return url.isEmpty() ? "the learning platform" : "the learning platform at " + url;
    }

    /** How a learner with {@code email} signs in to learn. */
    public String signInHint(String email) {
        return "Sign in to " + named() + " with your email address (" + email + ") and your password.";
    }
}
