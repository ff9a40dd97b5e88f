package com.seatflow.imports;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

/** Builds an {@link ImportTarget} from an import id, for the jobs that only know the id. */
@Component
class ImportTargets {

    private final Imports imports;
    private final ImportFormats formats;

    ImportTargets(Imports imports, ImportFormats formats) {
        this.imports = imports;
        this.formats = formats;
    }

    ImportTarget of(long importId) {
        ImportJob job = imports.require(importId);
        return new ImportTarget(job.id(), job.orgId(), job.groupId(), formats.require(job.format()),
                job.programmeCodesAllowed(), imports.valuesRepeat(importId));
    }

    Path storedFile(long importId) {
        return Path.of(imports.require(importId).storedPath());
    }
}
