package com.seatflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportSubmission;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.Organisation;
import com.seatflow.platform.EmailAddresses;
import com.seatflow.platform.NotFoundException;

/**
 * Decides what one mail in the import mailbox becomes. A mail to an organisation's import address with the right tag,
 * from an account allowed to import that format, with one CSV attachment and a subject naming the format, is
 * submitted; any other mail with the right tag is refused with a reply saying why. A wrong or replaced tag gets no
 * reply at all: From is easily forged, and a reply would let anyone make Seatflow mail a stranger, or probe which
 * organisations exist. Logs never contain the tag.
 */
@Component
class MailIntake {

    private static final Logger log = LoggerFactory.getLogger(MailIntake.class);
    private static final String SOURCE = "EMAIL";
    private static final List<String> ENVELOPE_HEADERS = List.of("Delivered-To", "X-Original-To", "Envelope-To");
    private static final Pattern REPLY_PREFIX = Pattern.compile("^((re|fwd?|aw|wg)\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE);

    private final MailImportAddresses addresses;
    private final MailImports mailImports;
    private final Identities identities;
    private final MailboxSettings settings;

    MailIntake(MailImportAddresses addresses, MailImports mailImports, Identities identities,
            MailboxSettings settings) {
        this.addresses = addresses;
        this.mailImports = mailImports;
        this.identities = identities;
        this.settings = settings;
    }

    /** Why a mail with the right tag is not imported; the message goes back to the sender. */
    static final class MailRefused extends RuntimeException {
        MailRefused(String reason) {
            super(reason);
        }
    }

    /** What the subject asks for: {@code programme}, or {@code group <group code>}, after any Re:/Fwd: prefixes. */
    record MailSubject(String format, String group) {

        static MailSubject parse(String subject) {
            String words = REPLY_PREFIX.matcher(subject.strip()).replaceFirst("").strip();
            if (words.isEmpty()) {
                throw new MailRefused("The subject is empty; it must name the format: \"programme\" or "
                        + "\"group <group code>\"");
            }
            String[] parts = words.split("\\s+");
            if (parts.length > 2) {
                throw new MailRefused("The subject \"" + subject + "\" is not \"programme\" or \"group <group code>\"");
            }
            return new MailSubject(parts[0].toLowerCase(Locale.ROOT), parts.length == 2 ? parts[1] : null);
        }
    }

    void take(Message mail, String messageId) throws MessagingException, IOException {
        Optional<MailImportAddress> to = importAddress(mail);
        if (to.isEmpty()) {
            log.info("Mail {} is not addressed to an organisation's import address; left alone", messageId);
            return;
        }
        Optional<Organisation> owner = addresses.owner(to.get());
        if (owner.isEmpty()) {
            log.warn("Mail {} to the import address of '{}' has a wrong or replaced tag (or no such organisation); "
                    + "ignored without a reply", messageId, to.get().orgCode());
            return;
        }
        Organisation org = owner.get();
        Address[] from = mail.getFrom();
        if (from == null || from.length != 1 || !(from[0] instanceof InternetAddress sender)
                || sender.getAddress() == null || !EmailAddresses.isValid(sender.getAddress())) {
            log.warn("Mail {} to the import address of {} does not have exactly one valid sender address; ignored",
                    messageId, org.code());
            return;
        }
        String replyTo = sender.getAddress();
        String subject = mail.getSubject() == null ? "" : mail.getSubject();
        try {
            MailSubject target = MailSubject.parse(subject);
            String user = allowedUser(replyTo, org, target.format());
            Part csv = onlyCsvAttachment(mail);
            try (InputStream content = csv.getInputStream()) {
                ImportJob job = mailImports.submit(new ImportSubmission(org.code(), target.group(), target.format(),
                        SOURCE, fileName(csv), content, user), replyTo, subject);
                log.info("Mail {} from {} became import {} of {} ({})", messageId, replyTo, job.id(), org.code(),
                        job.status());
            }
        } catch (MailRefused | IllegalArgumentException | NotFoundException refused) {
            log.info("Mail {} from {} to the import address of {} was refused: {}", messageId, replyTo, org.code(),
                    refused.getMessage());
            if (isAutomaticReply(mail)) {
                log.info("Mail {} is an automatic reply itself; it gets no answer, so that no mail loop starts",
                        messageId);
            } else {
                mailImports.refuse(replyTo, subject, refused.getMessage());
            }
        }
    }

    /** The first recipient (To, Cc, or the envelope recipient a server records) that is an import address. */
    private Optional<MailImportAddress> importAddress(Message mail) throws MessagingException {
        List<String> recipients = new ArrayList<>();
        for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
            Address[] addresses = mail.getRecipients(type);
            if (addresses != null) {
                Arrays.stream(addresses).filter(InternetAddress.class::isInstance)
                        .map(a -> ((InternetAddress) a).getAddress()).forEach(recipients::add);
            }
        }
        for (String header : ENVELOPE_HEADERS) {
            String[] values = mail.getHeader(header);
            if (values != null) {
                for (String value : values) {
                    Arrays.stream(InternetAddress.parseHeader(value, false)).map(InternetAddress::getAddress)
                            .forEach(recipients::add);
                }
            }
        }
        return recipients.stream().map(r -> MailImportAddress.parse(r, settings.address())).flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The account the sender's address belongs to, if it may import this format into the organisation: programme
     * files need its learning managers (as on the API), other formats its admins; support may send either.
     */
    private String allowedUser(String address, Organisation org, String format) {
        String user = identities.userIdByEmail(address)
                .or(() -> identities.userIdByEmail(address.toLowerCase(Locale.ROOT)))
                .orElseThrow(() -> new MailRefused(address + " is not the address of a Seatflow account; only admins "
                        + "of " + org.code() + " may mail imports to it"));
        List<String> groups = identities.groupsOf(user);
        if ("programme".equals(format)) {
            if (!groups.contains(OrgRoles.learningManagers(org.code())) && !groups.contains(OrgRoles.SUPPORT)) {
                throw new MailRefused("Programme files invite learners, which needs the learning-manager permission "
                        + "of " + org.code() + "; " + address + " does not have it");
            }
        } else if (!OrgRoles.mayActOn(groups, org.code())) {
            throw new MailRefused(address + " is not an admin of " + org.code() + "; only its admins may mail "
                    + format + " files to it");
        }
        return user;
    }

    private static Part onlyCsvAttachment(Part mail) throws MessagingException, IOException {
        List<Part> csvFiles = new ArrayList<>();
        collectCsv(mail, csvFiles);
        if (csvFiles.isEmpty()) {
            throw new MailRefused("The mail has no CSV attachment (a file ending in .csv)");
        }
        if (csvFiles.size() > 1) {
            List<String> names = new ArrayList<>();
            for (Part part : csvFiles) {
                names.add(fileName(part));
            }
            throw new MailRefused("The mail has " + csvFiles.size() + " CSV attachments " + names
                    + "; send one file per mail");
        }
        return csvFiles.get(0);
    }

    private static void collectCsv(Part part, List<Part> found) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                collectCsv(parts.getBodyPart(i), found);
            }
        } else if (part.getFileName() != null && fileName(part).toLowerCase(Locale.ROOT).endsWith(".csv")
                || part.isMimeType("text/csv")) {
            found.add(part);
        }
    }

    private static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return "attachment.csv";
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException e) {
            return name;
        }
    }

    /** Bounces, out-of-office and other automatic mails (RFC 3834) are never answered. */
    private static boolean isAutomaticReply(Message mail) throws MessagingException {
        String[] autoSubmitted = mail.getHeader("Auto-Submitted");
        return autoSubmitted != null && Arrays.stream(autoSubmitted)
                .anyMatch(value -> !"no".equalsIgnoreCase(value.strip()));
    }
}
