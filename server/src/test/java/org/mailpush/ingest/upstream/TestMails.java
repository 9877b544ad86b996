package org.mailpush.ingest.upstream;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.UUID;

/** Mails for the tests. */
public final class TestMails {
    private TestMails() {
    }

    /** A short text mail with a Message-ID of its own, so that no two are the same bytes. */
    public static MimeMessage mail(String subject) {
        try {
            var mail = new MimeMessage(Session.getInstance(new Properties()));
            mail.setFrom(new InternetAddress("sender@example.org"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress("owner@example.test"));
            mail.setSubject(subject);
            mail.setText("Hello, this is " + subject + ".\r\n");
            mail.saveChanges();
            mail.setHeader("Message-ID", "<" + UUID.randomUUID() + "@example.org>");
            return mail;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
