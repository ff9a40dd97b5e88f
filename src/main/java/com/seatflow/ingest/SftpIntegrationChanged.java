package com.seatflow.ingest;

/** An SFTP integration was created, changed or deleted: its route is (re)started or stopped after the commit. */
record SftpIntegrationChanged(long integrationId) {
}
