package com.seatflow.team;

import org.springframework.stereotype.Component;

import com.seatflow.invitation.AcceptanceForm;
import com.seatflow.invitation.InvitationAnswering;
import com.seatflow.invitation.InvitationOffer;
import com.seatflow.invitation.InvitationView;
import com.seatflow.platform.Normalise;

/** Answers administrator invitations on the invitation page. */
@Component
class AdminInvitationAnswering implements InvitationAnswering {

    private final TeamManagement team;

    AdminInvitationAnswering(TeamManagement team) {
        this.team = team;
    }

    @Override
    public String kind() {
        return TeamManagement.KIND;
    }

    @Override
    public InvitationOffer offer(InvitationView view) {
        var offer = team.offer(view.id());
        AdminInvitation invitation = offer.invitation();
        String warning = offer.existingAccount().map(userId -> "You will join with your existing account (user name "
                + userId + "). Licences, course completion history and integrations tied to that account stay where "
                + "they are: they do not follow you into " + invitation.orgName() + ".").orElse(null);
        if (offer.learnerAccount()) {
            warning = "Your learner account with this address stays as it is: its licences and course completion "
                    + "history do not follow you into " + invitation.orgName() + ". Administering it is a separate "
                    + "sign-in: the user name " + Normalise.email(invitation.email())
                    + " with the password you choose here.";
        }
        return new InvitationOffer(invitation.orgName(), invitation.inviterName(), invitation.inviteeName(),
                invitation.email(), "administer " + invitation.orgName() + " on Seatflow", warning,
                offer.existingAccount().isEmpty());
    }

    @Override
    public void accept(InvitationView invitation, AcceptanceForm form) {
        team.accept(invitation.id(), form);
    }

    @Override
    public String acceptedNote(InvitationView invitation) {
        return team.acceptedNote(invitation.id());
    }

    @Override
    public void decline(InvitationView invitation) {
        team.decline(invitation.id());
    }
}
