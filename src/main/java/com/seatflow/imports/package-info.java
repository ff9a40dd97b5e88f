/**
 * Bulk imports of learner CSV files: formats, streaming validation, review, and a set-based commit
 * (the commit writes accounts, memberships, invitations and outbox mails for a whole chunk per statement).
 */
package com.seatflow.imports;
