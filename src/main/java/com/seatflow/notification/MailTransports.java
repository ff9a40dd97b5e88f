package com.seatflow.notification;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import com.seatflow.platform.AtomicFiles;
import com.seatflow.platform.Causes;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class MailTransports {

    @Bean
    @ConditionalOnProperty(name = "seatflow.mail.transport", havingValue = "smtp")
    MailTransport smtpTransport(JavaMailSender sender, MailSettings settings) {
        return mail -> {
            MimeMessage message = sender.createMimeMessage();
            fill(message, mail, settings);
            try {
                sender.send(message);
            } catch (MailAuthenticationException e) {
                throw new MailServerUnavailableException(e);
            } catch (MailSendException e) {
                throw isUnreachable(e) ? new MailServerUnavailableException(e) : e;
            }
        };
    }

    /**
     * Connection refused, host unknown, or the server stopped answering. A refused recipient or message is not: the
     * server answered. A failed connection is the exception's cause; a failure while sending is kept per message.
     */
    private static boolean isUnreachable(MailSendException failure) {
        return causedByNetwork(failure) || failure.getFailedMessages().values().stream()
                .anyMatch(MailTransports::causedByNetwork);
    }

    private static boolean causedByNetwork(Throwable failure) {
        return Causes.any(failure, cause -> cause instanceof SocketException || cause instanceof SocketTimeoutException
                || cause instanceof UnknownHostException);
    }

    @Bean
    @ConditionalOnProperty(name = "seatflow.mail.transport", havingValue = "eml", matchIfMissing = true)
    MailTransport emlFileTransport(MailSettings settings) {
        // One session for every file: a new Session reads the mail provider files from the whole classpath each time.
        Session session = Session.getInstance(new java.util.Properties());
        return mail -> {
            MimeMessage message = new MimeMessage(session);
            fill(message, mail, settings);
            // whoever reads *.eml never finds half a message
            AtomicFiles.write(settings.emlDir().resolve("mail-" + mail.outboxId() + ".eml"), message::writeTo);
        };
    }

    private static void fill(MimeMessage message, OutgoingMail mail, MailSettings settings) throws Exception {
        var helper = new MimeMessageHelper(message, mail.attachment() != null, "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.body());
        if (mail.attachment() != null) {
            MailAttachment file = mail.attachment();
            helper.addAttachment(file.fileName(), new ByteArrayResource(file.content()), file.contentType());
        }
    }
}
