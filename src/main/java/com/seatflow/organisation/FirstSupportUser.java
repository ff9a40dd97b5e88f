package com.seatflow.organisation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.seatflow.platform.PasswordRule;

/**
 * The first provider-support user of an installation without demo data, from {@code seatflow.support-user.*}
 * (environment {@code SEATFLOW_SUPPORT_USER_ID}, {@code …_PASSWORD}, {@code …_EMAIL}). Support manages everything
 * else, and Camunda's own first-user setup page is closed (see SecurityConfiguration), since it would let the first
 * visitor of a new installation make themselves its administrator.
 */
@Component
class FirstSupportUser {

    static final String CAMUNDA_ADMINS = "camunda-admin";
    private static final int MIN_PASSWORD_LENGTH = 12;
    private static final Logger log = LoggerFactory.getLogger(FirstSupportUser.class);

    private final Identities identities;
    private final String userId;
    private final String password;
    private final String email;

    /** Refuses a password that could never be used before anything starts, so the mistake shows at once. */
    FirstSupportUser(Identities identities, @Value("${seatflow.support-user.id:}") String userId,
            @Value("${seatflow.support-user.password:}") String password,
            @Value("${seatflow.support-user.email:}") String email) {
        this.identities = identities;
        this.userId = userId.strip();
        this.password = password;
        this.email = email.strip();
        if (!this.userId.isEmpty() && !password.isEmpty()) {
            requireUsable(password);
        }
    }

    /**
     * Creates the user once, if configured and missing; an existing user (and its password) is left alone, so the
     * password may be dropped from the settings after the first start. Warns when nobody at all could sign in.
     */
    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        if (userId.isEmpty()) {
            if (!identities.anyUserExists()) {
                log.warn("No user can sign in: set seatflow.support-user.id and .password "
                        + "(SEATFLOW_SUPPORT_USER_ID, SEATFLOW_SUPPORT_USER_PASSWORD) to create the first support user");
            }
            return;
        }
        if (identities.userExists(userId)) {
            return;
        }
        requireUsable(password);
        identities.createUser(userId, "Provider", "Support", email.isEmpty() ? null : email, password);
        identities.addToGroup(userId, OrgRoles.SUPPORT, "Provider support");
        identities.addToGroup(userId, CAMUNDA_ADMINS, "Camunda administrators");
        log.info("Created the support user {} (seatflow.support-user.id)", userId);
    }

    private static void requireUsable(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("seatflow.support-user.password must have at least " + MIN_PASSWORD_LENGTH
                    + " characters (SEATFLOW_SUPPORT_USER_PASSWORD)");
        }
        if (PasswordRule.isTooLong(password)) {
            throw new IllegalStateException("seatflow.support-user.password must not be longer than "
                    + PasswordRule.MAX_BYTES + " bytes (SEATFLOW_SUPPORT_USER_PASSWORD)");
        }
    }
}
