-- Finds the learner id of a pending programme invitation made one at a time (not by an import, whose learner ids are
-- linked to accounts when it commits), so that a second invitation cannot give it to another email. Partial, so the
-- invitations a bulk import writes cost it nothing.
CREATE INDEX invitation_single_learner_id ON invitation (org_id, external_learner_id)
    WHERE status = 'PENDING' AND import_id IS NULL;
