package com.seatflow.imports;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.seatflow.notification.Outbox;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;

/**
 * Mails provider support when an import starts waiting for its approval (rules/import-policy.drl): the Tasklist shows
 * the task, but nobody watches it all day. Queued in the transaction that makes the import wait.
 */
@Component
class SupportReviewMails {

    static final String TEMPLATE = "IMPORT_SUPPORT_REVIEW";

    private final Imports imports;
    private final Identities identities;
    private final Outbox outbox;
    private final String publicUrl;

    SupportReviewMails(Imports imports, Identities identities, Outbox outbox,
            @Value("${seatflow.public-url:http://localhost:8080}") String publicUrl) {
        this.imports = imports;
        this.identities = identities;
        this.outbox = outbox;
        this.publicUrl = publicUrl;
    }

    @EventListener
    void onStatusChanged(ImportStatusChanged changed) {
        if (changed.status() != ImportStatus.AWAITING_REVIEW) {
            return;
        }
        ImportJob job = imports.require(changed.importId());
        if (job.supportReview() == null || job.processInstanceId() == null) {
            return; // the organisation reviews it, or it is a dry run: no task waits for anyone
        }
        String where = job.orgCode() + (job.groupCode() == null ? "" : ", group " + job.groupCode());
        outbox.enqueue(TEMPLATE, identities.emailsOf(OrgRoles.SUPPORT),
                "Import #" + job.id() + " of " + where + " awaits your approval", """
                        Hello,

                        import #%d (%s, %s format, uploaded by %s) of %s is valid and waits for provider support's \
                        approval: %s.

                        Review it in the Tasklist (%s/camunda/app/tasklist/, filter "My group tasks"), or through \
                        the API: POST %s/api/orgs/%s/imports/%d/approve (or /reject).
                        """.formatted(job.id(), job.fileName(), job.format(), job.uploadedBy(), where,
                        job.supportReview(), publicUrl, publicUrl, job.orgCode(), job.id()));
    }
}
