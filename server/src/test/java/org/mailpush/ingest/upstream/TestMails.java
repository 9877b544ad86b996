package org.mailpush.ingest.upstream;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;

/** Mails for the tests, and a stand-in summary until the MIME summarizer lands. */
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

    /** Sender, subject and size only. */
    public static MailSummary summarize(byte[] raw) {
        try {
            var mail = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            String subject = mail.getSubject() == null ? "" : mail.getSubject();
            return new MailSummary("sender@example.org", subject, raw.length, 0, List.of(), Importance.NORMAL, "");
        } catch (MessagingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
