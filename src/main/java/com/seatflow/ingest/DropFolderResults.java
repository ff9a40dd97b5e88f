package com.seatflow.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.imports.ImportStatusChanged;

/**
 * Answers a dropped file where its sender looks: beside the moved file in {@code .processed/}, the import's
 * {@code .result.txt} (and {@code .errors.csv} when it was rejected), rewritten each time the import settles
 * (awaiting review, then completed, ...). The answer is written once the status change has committed; whichever of
 * that and {@link #record} comes second writes it, so a fast import is answered too.
 */
@Component
class DropFolderResults {

    private static final Logger log = LoggerFactory.getLogger(DropFolderResults.class);

    private record Dropped(String orgCode, String movedPath) {
    }

    private final JdbcClient jdbc;
    private final ImportManagement imports;
    private final ImportResultFiles resultFiles;
    private final Path folder;

    DropFolderResults(JdbcClient jdbc, ImportManagement imports, ImportResultFiles resultFiles,
            @Value("${seatflow.inbound.dir:inbound}") Path folder) {
        this.jdbc = jdbc;
        this.imports = imports;
        this.resultFiles = resultFiles;
        this.folder = folder;
    }

    /** The dropped file became {@code job} and moves to {@code movedPath} (below the drop folder). */
    void record(ImportJob job, String movedPath) {
        jdbc.sql("INSERT INTO drop_folder_import (import_id, org_code, moved_path) VALUES (?, ?, ?)")
                .params(job.id(), job.orgCode(), movedPath).update();
        ImportJob now = imports.find(job.orgCode(), job.id());
        if (ImportStatus.SETTLED.contains(now.status())) {
            write(job.id(), new Dropped(job.orgCode(), movedPath), now.status(), null);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onImportStatusChanged(ImportStatusChanged changed) {
        if (changed.settled()) {
            dropped(changed.importId()).ifPresent(dropped -> write(changed.importId(), dropped, changed.status(),
                    changed.message()));
        }
    }

    private Optional<Dropped> dropped(long importId) {
        return jdbc.sql("SELECT org_code, moved_path FROM drop_folder_import WHERE import_id = ?").param(importId)
                .query(Dropped.class).optional();
    }

    private void write(long importId, Dropped dropped, ImportStatus status, String message) {
        Path moved = folder.resolve(dropped.movedPath());
        try {
            resultFiles.write(moved.getParent(), dropped.orgCode(), importId, status, message,
                    moved.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot write the {} result of import {} beside {}: {}", status, importId, moved, e.getMessage());
        }
    }
}
