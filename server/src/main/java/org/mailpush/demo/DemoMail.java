package org.mailpush.demo;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/** The demo's mail: sent over SMTP to the demo user, now and then with a picture (SPEC M2). */
public final class DemoMail {
    /** A 1×1 PNG, enough to count as a picture. */
    private static final byte[] PICTURE = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private record Letter(String from, String subject, String text, boolean picture) {}

    private static final List<Letter> LETTERS = List.of(
            new Letter("bob@example.org", "Lunch on Friday?", "Shall we try the new place around the corner?", false),
            new Letter("carol@example.org", "Holiday photo", "Look at this view!", true),
            new Letter("build@ci.example.net", "Build 1432 passed", "All 2,314 tests passed in 6 min.", false),
            new Letter("dave@example.org", "Minutes of today's meeting", "Attached are the minutes; decisions in bold.", false),
            new Letter("erin@example.org", "The cat, again", "She found the warmest spot in the house.", true),
            new Letter("boss@example.com", "Quick question", "Do you have five minutes this afternoon?", false));

    private final Session session;
    private final String to;
    private int sent;

    public DemoMail(String host, int port, String to) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        this.session = Session.getInstance(properties);
        this.to = to;
    }

    /** Sends the next letter; returns its subject and whether it has a picture, for the console. */
    public String sendNext() throws MessagingException {
        Letter letter = LETTERS.get(sent++ % LETTERS.size());
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(letter.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(letter.subject(), "UTF-8");
        if (letter.picture()) {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(letter.text(), "UTF-8");
            mixed.addBodyPart(text);
            MimeBodyPart picture = new MimeBodyPart();
            picture.setDataHandler(new DataHandler(new ByteArrayDataSource(PICTURE, "image/png")));
            picture.setFileName("photo.png");
            mixed.addBodyPart(picture);
            message.setContent(mixed);
        } else {
            message.setText(letter.text(), "UTF-8");
        }
        Transport.send(message);
        return "'" + letter.subject() + "' from " + letter.from() + (letter.picture() ? ", with a picture" : "");
    }
}
