package com.seatflow.programme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.invitation.AcceptanceForm;
import com.seatflow.invitation.InvitationAnswering;
import com.seatflow.invitation.InvitationOffer;
import com.seatflow.invitation.InvitationView;
import com.seatflow.invitation.LearnerInvitations;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.platform.LearningPlatform;

/**
 * The invitation page for learners: a programme-run invitation links the learner id to the account and enrols on
 * the run; a group invitation enrols on the group's modules. A learner without a password sets one here.
 */
@Configuration(proxyBeanMethods = false)
class LearnerInvitationAnswering {

    @Bean
    InvitationAnswering programmeInvitationAnswering(LearnerInvitations invitations, LearnerAccounts accounts,
            LearningPlatform platform) {
        return new Answering("PROGRAMME", invitations, accounts, platform);
    }

    @Bean
    InvitationAnswering groupInvitationAnswering(LearnerInvitations invitations, LearnerAccounts accounts,
            LearningPlatform platform) {
        return new Answering("GROUP", invitations, accounts, platform);
    }

    static class Answering implements InvitationAnswering {

        private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();

        private final String kind;
        private final LearnerInvitations invitations;
        private final LearnerAccounts accounts;
        private final LearningPlatform platform;

        Answering(String kind, LearnerInvitations invitations, LearnerAccounts accounts, LearningPlatform platform) {
            this.kind = kind;
            this.invitations = invitations;
            this.accounts = accounts;
            this.platform = platform;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public InvitationOffer offer(InvitationView invitation) {
            var details = invitations.details(invitation.id());
            boolean needsPassword = accounts.byEmail(invitation.email()).map(a -> !a.hasPassword()).orElse(true);
            String note = needsPassword ? null : "You join with it: no new password is needed, and your courses and "
                    + "their progress stay together in that account.";
            return new InvitationOffer(details.orgName(), details.orgName(), invitation.email(), invitation.email(),
                    "join " + details.subject(), note, needsPassword);
        }

        @Override
        @Transactional
        public void accept(InvitationView invitation, AcceptanceForm form) {
            boolean needsPassword = accounts.byEmail(invitation.email()).map(a -> !a.hasPassword()).orElse(true);
            String hash = needsPassword ? BCRYPT.encode(form.newPassword()) : null;
            var account = accounts.findOrCreate(invitation.email(), null, null, hash);
            if (needsPassword) {
                accounts.setPasswordIfNone(account.id(), hash);
            }
            if (invitation.externalLearnerId() != null) {
                accounts.linkLearnerId(invitations.details(invitation.id()).orgId(), invitation.externalLearnerId(),
                        account.id(), invitation.email());
            }
            invitations.accept(invitation.id(), account.id());
        }

        @Override
        public String acceptedNote(InvitationView invitation) {
            var details = invitations.details(invitation.id());
            return "You have joined " + details.subject() + " with " + details.orgName() + ". "
                    + platform.signInHint(invitation.email());
        }

        @Override
        public void decline(InvitationView invitation) {
            invitations.decline(invitation.id(), invitation.email());
        }
    }
}
