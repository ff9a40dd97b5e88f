package com.seatflow.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.seatflow.platform.EmailAddresses;

/**
 * The one IMAP mailbox imports are mailed to, and the base of every organisation's import address.
 *
 * @param enabled poll the mailbox (off by default)
 * @param protocol {@code imaps} (TLS) or {@code imap}
 * @param host the IMAP server
 * @param port its port; 0 means the protocol's (993 for imaps, 143 for imap)
 * @param user the mailbox login
 * @param password its password (never logged, never shown)
 * @param folder the folder to read
 * @param pollDelayMs the pause between two polls
 * @param moveTo a folder to move each handled mail to; empty keeps it in {@code folder}, marked seen
 * @param address the mailbox's own address; each organisation's is {@code local+<org>.<tag>@domain}
 */
@ConfigurationProperties("seatflow.mailbox")
record MailboxSettings(@DefaultValue("false") boolean enabled, @DefaultValue("imaps") String protocol,
        @DefaultValue("localhost") String host, @DefaultValue("0") int port, @DefaultValue("") String user,
        @DefaultValue("") String password, @DefaultValue("INBOX") String folder,
        @DefaultValue("30000") long pollDelayMs, @DefaultValue("") String moveTo,
        @DefaultValue("imports@localhost") String address) {

    MailboxSettings {
        if (!"imap".equals(protocol) && !"imaps".equals(protocol)) {
            throw new IllegalArgumentException("seatflow.mailbox.protocol must be imap or imaps, not '" + protocol + "'");
        }
        if (enabled && (!EmailAddresses.isValid(address) || address.substring(0, address.indexOf('@')).contains("+"))) {
            throw new IllegalArgumentException("seatflow.mailbox.address '" + address
                    + "' must be a plain email address without '+' (organisations get <local>+<org>.<tag>@<domain>)");
        }
    }

    int effectivePort() {
        return port > 0 ? port : "imaps".equals(protocol) ? 993 : 143;
    }

    /** Leaves the password out, so that logging the settings never shows it. */
    @Override
    public String toString() {
        return "MailboxSettings[enabled=" + enabled + ", " + protocol + "://" + user + "@" + host + ":"
                + effectivePort() + "/" + folder + ", address=" + address + "]";
    }
}
