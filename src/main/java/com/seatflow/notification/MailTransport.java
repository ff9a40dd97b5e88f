package com.seatflow.notification;

/** Where mail goes: files, an SMTP server. */
public interface MailTransport {

    void send(OutgoingMail mail) throws Exception;
}
