package com.seatflow.imports;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param storageDir where uploaded files are kept while their import runs
 * @param chunkSize rows per transaction in the validation and commit jobs
 * @param previewRows rows shown in the review task
 * @param passwordHashStrength bcrypt cost for passwords given in a file
 * @param commitWorkers how many parts of an import's rows are applied side by side, each on its own connection
 * @param validationWorkers how many blocks of a file are checked and staged side by side, each on its own connection
 * @param staleRunAfter how long an import's running job may go without a heartbeat before another node takes it over
 */
@ConfigurationProperties("seatflow.imports")
public record ImportSettings(@DefaultValue("./data/imports") Path storageDir, @DefaultValue("5000") int chunkSize,
        @DefaultValue("10") int previewRows, @DefaultValue("10") int passwordHashStrength,
        @DefaultValue("2") int commitWorkers, @DefaultValue("2") int validationWorkers,
        @DefaultValue("PT2M") Duration staleRunAfter) {

    public ImportSettings {
        if (staleRunAfter.compareTo(ImportRunHeartbeat.INTERVAL.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("seatflow.imports.stale-run-after is " + staleRunAfter
                    + "; it must be at least twice the heartbeat interval (" + ImportRunHeartbeat.INTERVAL
                    + "), or live imports would be taken over");
        }
    }
}
