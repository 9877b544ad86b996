package org.mailpush.app;

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
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** A real SMTP client (Jakarta Mail) that sends test mail to a server on loopback. */
final class Mailer implements AutoCloseable {
    private final Session session;
    private final Transport transport;

    Mailer(int port) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.timeout", "30000");
        session = Session.getInstance(properties);
        transport = session.getTransport("smtp");
        transport.connect();
    }

    /**
     * Sends a mail with a text part and, when pictures is above 0, that many JPEG attachments sharing
     * {@code pictureBytes}; returns the server's last reply code.
     */
    int send(String from, String to, String subject, int pictures, int pictureBytes) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        if (pictures == 0) {
            message.setText("Hello from " + from + ".");
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Look at this.");
            mixed.addBodyPart(text);
            for (int i = 0; i < pictures; i++) {
                MimeBodyPart picture = new MimeBodyPart();
                picture.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[pictureBytes / pictures], "image/jpeg")));
                picture.setFileName("photo" + i + ".jpg");
                picture.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(picture);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
        return ((SMTPTransport) transport).getLastReturnCode();
    }

    @Override
    public void close() throws MessagingException {
        transport.close();
    }
}
