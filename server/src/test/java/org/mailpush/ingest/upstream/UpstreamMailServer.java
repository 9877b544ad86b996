package org.mailpush.ingest.upstream;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** GreenMail speaking IMAP (with IDLE) and POP3 on ephemeral loopback ports. */
public final class UpstreamMailServer implements AutoCloseable {
    private final GreenMail greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3)});

    public UpstreamMailServer() {
        greenMail.start();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int pop3Port() {
        return greenMail.getPop3().getPort();
    }

    public void addUser(String login, String password) {
        greenMail.setUser(login + "@example.test", login, password);
    }

    public void deliver(String login, MimeMessage mail) {
        user(login).deliver(mail);
    }

    public long uidValidity(String login) {
        return inbox(login).getUidValidity();
    }

    /**
     * Deletes the user's mailbox and makes a new, empty one with another UIDVALIDITY. GreenMail's
     * UIDVALIDITY is the creation second, so this may take up to a second.
     */
    public void recreateMailbox(String login, String password) {
        long before = uidValidity(login);
        Await.until("a new UIDVALIDITY for " + login, () -> {
            greenMail.getUserManager().deleteUser(user(login));
            addUser(login, password);
            return uidValidity(login) != before;
        });
    }

    /** Deletes the user's mails with this subject, as another client would: \Deleted, then EXPUNGE. */
    public void deleteMail(String login, String subject) {
        MailFolder inbox = inbox(login);
        try {
            for (StoredMessage message : inbox.getMessages()) {
                if (subject.equals(message.getMimeMessage().getSubject())) {
                    inbox.setFlags(new Flags(Flags.Flag.DELETED), true, message.getUid(), null, false);
                }
            }
            inbox.expunge();
        } catch (FolderException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the mail with this subject carries \Seen upstream. */
    public boolean seen(String login, String subject) {
        try {
            for (StoredMessage message : inbox(login).getMessages()) {
                if (subject.equals(message.getMimeMessage().getSubject())) {
                    return message.isSet(Flags.Flag.SEEN);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("no mail '" + subject + "' for " + login);
    }

    public int mailCount(String login) {
        return inbox(login).getMessageCount();
    }

    private GreenMailUser user(String login) {
        return greenMail.getUserManager().getUser(login);
    }

    private MailFolder inbox(String login) {
        try {
            return greenMail.getManagers().getImapHostManager().getInbox(user(login));
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
