package com.seatflow.ingest;

/** How Seatflow signs in to an SFTP server. */
public enum SftpAuthentication {
    PASSWORD, PRIVATE_KEY
}
