package com.seatflow.notification;

/** A file sent with a mail, e.g. an import's error report. */
public record MailAttachment(String fileName, String contentType, byte[] content) {

    public MailAttachment {
        if (fileName == null || fileName.isBlank() || contentType == null || content == null) {
            throw new IllegalArgumentException("An attachment needs a file name, a content type and content");
        }
    }
}
