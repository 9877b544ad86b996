package org.mailpush.ingest.pop3;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.mailpush.ingest.upstream.JakartaMail;
import org.mailpush.ingest.upstream.UpstreamIntake;
import org.mailpush.ingest.upstream.UpstreamWatcher;
import org.mailpush.ingest.upstream.WatchLoop;
import org.mailpush.ingest.upstream.WatcherEnvironment;
import org.mailpush.ingest.upstream.WatcherStatus;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamBaseline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one POP3 maildrop: each poll logs in, lists the UIDLs, fetches every mail whose UIDL is not
 * stored yet, and logs out without deleting anything. The first poll of an account fetches nothing:
 * the UIDLs listed then become its baseline, and the mail already there is left alone.
 */
public final class Pop3Watcher implements UpstreamWatcher {
    private static final Logger log = LoggerFactory.getLogger(Pop3Watcher.class);

    private final UpstreamAccount account;
    private final UpstreamIntake intake;
    private final WatcherEnvironment environment;
    private final WatchLoop loop;
    /**
     * UIDLs whose mail turned out to be stored already under another UIDL (the store keeps only the
     * first), so that this watcher does not download them again at every poll. The watcher's thread only.
     */
    private final Set<String> duplicates = new HashSet<>();
    private boolean warnedNoUidl;

    public Pop3Watcher(UpstreamAccount account, UpstreamIntake intake, WatcherEnvironment environment) {
        if (account.server().protocol() != MailProtocol.POP3) {
            throw new IllegalArgumentException("account " + account.id() + " is not a POP3 account: "
                    + account.server().describe());
        }
        this.account = account;
        this.intake = Objects.requireNonNull(intake, "intake");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.loop = new WatchLoop(account, environment);
    }

    @Override
    public UpstreamAccount account() {
        return account;
    }

    @Override
    public WatcherStatus status() {
        return loop.status();
    }

    @Override
    public void run() {
        loop.run(this::session);
    }

    @Override
    public void close() {
        loop.close();
    }

    private void session() throws MessagingException, IOException, InterruptedException {
        while (!loop.closed()) {
            loop.status(new WatcherStatus.Connecting(environment.clock().instant()));
            poll();
            loop.healthy();
            Duration interval = environment.settings().pollInterval();
            loop.status(new WatcherStatus.Polling(environment.clock().instant().plus(interval)));
            loop.pause(interval);
        }
    }

    private void poll() throws MessagingException, IOException {
        Store store = JakartaMail.connect(account.server(), environment.settings());
        try {
            var maildrop = (POP3Folder) store.getFolder("INBOX");
            maildrop.open(Folder.READ_ONLY);
            try {
                fetchNew(maildrop);
            } finally {
                JakartaMail.closeQuietly(maildrop);
            }
        } finally {
            JakartaMail.closeQuietly(store);
        }
    }

    private void fetchNew(POP3Folder maildrop) throws MessagingException, IOException {
        Message[] messages = maildrop.getMessages();
        var uidls = new FetchProfile();
        uidls.add(UIDFolder.FetchProfileItem.UID);
        maildrop.fetch(messages, uidls);
        Optional<Set<String>> seen = intake.uidls(account.id());
        if (seen.isEmpty()) {
            baseline(maildrop, messages);
            return;
        }
        Set<String> stored = seen.get();
        for (Message message : messages) {
            if (loop.closed()) {
                return;
            }
            String uidl = uidl(maildrop, message);
            if (stored.contains(uidl) || duplicates.contains(uidl)) {
                continue;
            }
            Optional<byte[]> raw;
            try {
                raw = JakartaMail.raw(message, environment.settings().maxMessageBytes());
            } catch (MessageRemovedException e) {
                // Deleted upstream by another client since the listing: nothing left to deliver.
                continue;
            }
            if (raw.isEmpty()) {
                log.warn("{}: {} is larger than upstream.max-message-size ({} bytes); left upstream", account.server().describe(),
                        uidl, environment.settings().maxMessageBytes());
                if (!uidl.isEmpty()) {
                    duplicates.add(uidl);
                }
                continue;
            }
            if (!intake.deliver(account, uidl, raw.get()) && !uidl.isEmpty()) {
                duplicates.add(uidl);
            }
        }
    }

    /**
     * The first poll of the account: the maildrop holds the user's old mail, which is not news.
     * Records its UIDLs as the baseline, so that only mail arriving after it is stored and pushed.
     */
    private void baseline(POP3Folder maildrop, Message[] messages) throws MessagingException {
        Set<String> present = new HashSet<>();
        for (Message message : messages) {
            String uidl = uidl(maildrop, message);
            if (!uidl.isEmpty()) {
                present.add(uidl);
            }
        }
        intake.baseline(account, new UpstreamBaseline.Pop3(present));
        log.info("{}: first poll; leaving the {} mails in the maildrop alone, pushing those that arrive after them",
                account.server().describe(), messages.length);
    }

    private String uidl(POP3Folder maildrop, Message message) throws MessagingException {
        String uidl = maildrop.getUID(message);
        if (uidl != null) {
            return uidl;
        }
        if (!warnedNoUidl) {
            warnedNoUidl = true;
            log.warn("{}: the server has no UIDL; every poll downloads every mail and the store drops those it has, "
                    + "and the mail there before the first poll cannot be told from new mail", account.server().describe());
        }
        return "";
    }
}
