package com.seatflow.ingest;

import java.util.Locale;
import java.util.Optional;

/**
 * An organisation's import address, {@code <local>+<org code>.<tag>@<domain>}: plus-addressing into the one import
 * mailbox ({@code <local>@<domain>}). The tag is the part after the last dot, so organisation codes may contain dots.
 */
record MailImportAddress(String orgCode, String tag) {

    String format(String mailbox) {
        int at = mailbox.indexOf('@');
        return mailbox.substring(0, at) + "+" + orgCode + "." + tag + mailbox.substring(at);
    }

    /** The organisation and tag of {@code recipient} if it is a plus-address of {@code mailbox}, else empty. */
    static Optional<MailImportAddress> parse(String recipient, String mailbox) {
        if (recipient == null) {
            return Optional.empty();
        }
        int at = mailbox.indexOf('@');
        String prefix = mailbox.substring(0, at).toLowerCase(Locale.ROOT) + "+";
        String domain = mailbox.substring(at).toLowerCase(Locale.ROOT);
        String address = recipient.strip();
        String lower = address.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(prefix) || !lower.endsWith(domain)) {
            return Optional.empty();
        }
        String detail = address.substring(prefix.length(), address.length() - domain.length());
        int dot = detail.lastIndexOf('.');
        if (dot <= 0 || dot == detail.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new MailImportAddress(detail.substring(0, dot), detail.substring(dot + 1)));
    }
}
