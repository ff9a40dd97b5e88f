package com.seatflow.notification;

/**
 * A transport could not use the mail server at all (not reachable, timed out, login refused): every other mail would
 * fail the same way, unlike a mail the server refused.
 */
class MailServerUnavailableException extends Exception {

    MailServerUnavailableException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
