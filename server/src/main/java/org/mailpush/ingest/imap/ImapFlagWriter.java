package org.mailpush.ingest.imap;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.mailpush.ingest.upstream.JakartaMail;
import org.mailpush.ingest.upstream.UpstreamSettings;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoredMail;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.UpstreamAccounts;
import org.mailpush.user.UserId;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Separate mode (SPEC M7): writes a mail's flags back to the upstream IMAP mailbox it came from —
 * \Seen, \Flagged and \Deleted (never expunged: removing mail upstream stays the user's own act).
 * In the background, a few attempts with growing pauses; a mailbox that changed its UIDVALIDITY since
 * no longer holds the mail under that UID and is left alone.
 */
public final class ImapFlagWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapFlagWriter.class);
    private static final int ATTEMPTS = 3;

    private final MailStore mails;
    private final UpstreamAccounts accounts;
    private final UpstreamSettings settings;
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

    public ImapFlagWriter(MailStore mails, UpstreamAccounts accounts, UpstreamSettings settings) {
        this.mails = mails;
        this.accounts = accounts;
        this.settings = settings;
    }

    /** A terminal changed a mail's flags: if it came from an upstream IMAP mailbox, write them back there. */
    public void changed(UserId owner, StoredMail mail) {
        mails.origin(owner, mail.id()).ifPresent(origin -> {
            if (origin instanceof Origin.Upstream upstream && upstream.uid() > 0) {
                accounts.find(upstream.account())
                        .filter(account -> account.server().protocol() == MailProtocol.IMAP)
                        .ifPresent(account -> write(account, upstream.uidValidity(), upstream.uid(), mail.flags()));
            }
        });
    }

    /** Queues the write of a mail's flags to the message with this UID. */
    void write(UpstreamAccount account, long uidValidity, long uid, MailFlags flags) {
        writers.execute(() -> {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    writeNow(account.server(), uidValidity, uid, flags);
                    return;
                } catch (MessagingException | RuntimeException e) {
                    LOG.warn("writing flags of UID {} to {} failed (attempt {} of {}): {}", uid, account.server().describe(),
                            attempt, ATTEMPTS, e.getMessage());
                    if (!pause(settings.backoffInitial().multipliedBy(1L << attempt))) {
                        return;
                    }
                }
            }
        });
    }

    void writeNow(UpstreamServer server, long uidValidity, long uid, MailFlags flags) throws MessagingException {
        Store store = JakartaMail.connect(server, settings);
        Folder folder = null;
        try {
            folder = store.getFolder(server.folder());
            folder.open(Folder.READ_WRITE);
            UIDFolder uids = (UIDFolder) folder;
            if (uids.getUIDValidity() != uidValidity) {
                LOG.info("{} has a new UIDVALIDITY; flags of UID {} not written back", server.describe(), uid);
                return;
            }
            Message message = uids.getMessageByUID(uid);
            if (message == null) {
                return;
            }
            message.setFlags(new Flags(Flags.Flag.SEEN), flags.seen());
            message.setFlags(new Flags(Flags.Flag.FLAGGED), flags.flagged());
            message.setFlags(new Flags(Flags.Flag.DELETED), flags.deleted());
        } finally {
            JakartaMail.closeQuietly(folder);
            JakartaMail.closeQuietly(store);
        }
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        writers.shutdown();
        try {
            writers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
