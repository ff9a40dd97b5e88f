package com.seatflow.rules;

import java.util.Optional;

/** Who approves a valid import, as the import-policy rules decide. */
public interface ImportPolicy {

    /** Why provider support must approve this import, or empty when the organisation's own reviewers do. */
    Optional<String> supportReviewReason(ImportReviewRequest request);
}
