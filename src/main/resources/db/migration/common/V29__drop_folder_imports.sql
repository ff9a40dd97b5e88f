-- The drop-folder files that became imports and where each was moved: the import's outcome is written beside it.
CREATE TABLE drop_folder_import (
    import_id  BIGINT PRIMARY KEY REFERENCES import_job (id),
    org_code   VARCHAR(64)   NOT NULL,
    moved_path VARCHAR(1000) NOT NULL
);
