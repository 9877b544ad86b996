package org.mailpush.ingest.imap;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.mailpush.ingest.upstream.JakartaMail;
import org.mailpush.ingest.upstream.UpstreamIntake;
import org.mailpush.ingest.upstream.UpstreamWatcher;
import org.mailpush.ingest.upstream.WatchLoop;
import org.mailpush.ingest.upstream.WatcherEnvironment;
import org.mailpush.ingest.upstream.WatcherStatus;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamBaseline;
import org.mailpush.upstream.UpstreamCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one IMAP folder: catches up from the stored cursor, then waits in IDLE (or polls, when the
 * server lacks IDLE) and fetches every mail whose UID lies beyond the cursor, in UID order. At the
 * first connection to the account there is no cursor yet: the highest UID in the folder becomes its
 * baseline, and the mail already there is left alone.
 */
public final class ImapWatcher implements UpstreamWatcher {
    private static final Logger log = LoggerFactory.getLogger(ImapWatcher.class);
    /** Where IDLE renewals and wake-ups run: they block on the connection for a moment. */
    private static final Executor WAKERS = task -> Thread.ofVirtual().name("imap-idle-wake").start(task);

    private record Numbered(long uid, Message message) {
    }

    private final UpstreamAccount account;
    private final UpstreamIntake intake;
    private final WatcherEnvironment environment;
    private final WatchLoop loop;
    private volatile IMAPFolder idling;
    /**
     * How far this watcher got, the watcher's thread only. Starts as the stored cursor; runs ahead of
     * it when the newest mails were duplicates, which the store does not record.
     */
    private UpstreamCursor cursor;

    public ImapWatcher(UpstreamAccount account, UpstreamIntake intake, WatcherEnvironment environment) {
        if (account.server().protocol() != MailProtocol.IMAP) {
            throw new IllegalArgumentException("account " + account.id() + " is not an IMAP account: "
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
        IMAPFolder folder = idling;
        if (folder != null) {
            // The interrupt ends an IDLE on a virtual thread; a platform thread needs the DONE.
            WAKERS.execute(() -> wake(folder));
        }
    }

    private void session() throws MessagingException, IOException, InterruptedException {
        Store store = JakartaMail.connect(account.server(), environment.settings());
        try {
            var folder = (IMAPFolder) store.getFolder(account.server().folder());
            folder.open(Folder.READ_ONLY);
            folder.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent event) {
                    // A server announces mail that came while IDLE was being issued before its "+ idling";
                    // Angus Mail takes it in and goes on idling. End that IDLE, so the mail is fetched now.
                    // (Mail announced during a catch-up is found by behind().)
                    if (idling == folder) {
                        wake(folder);
                    }
                }
            });
            boolean idle = ((IMAPStore) store).hasCapability("IDLE");
            catchUp(folder);
            loop.healthy();
            log.info("{}: caught up at UID {} (UIDVALIDITY {}); {}", account.server().describe(), cursor.lastUid(),
                    cursor.uidValidity(), idle ? "waiting in IDLE" : "no IDLE, polling every " + pollInterval());
            while (!loop.closed()) {
                if (idle) {
                    idle(folder);
                } else {
                    poll(folder);
                }
                catchUp(folder);
            }
        } finally {
            JakartaMail.closeQuietly(store);
        }
    }

    private void idle(IMAPFolder folder) throws MessagingException, InterruptedException {
        loop.status(new WatcherStatus.Idle(environment.clock().instant()));
        // RFC 2177: a server may log out a client idle for 30 minutes; end the IDLE in time and start another.
        Duration renewal = environment.settings().idleRenewal();
        CompletableFuture<Void> renew = CompletableFuture.runAsync(() -> wake(folder),
                CompletableFuture.delayedExecutor(renewal.toNanos(), TimeUnit.NANOSECONDS, WAKERS));
        idling = folder;
        try {
            // Returns after the first thing the server says (EXISTS, EXPUNGE, …) or when woken.
            loop.interruptibly(() -> folder.idle(true));
        } finally {
            idling = null;
            renew.cancel(false);
        }
    }

    /** Ends an IDLE in progress: Angus Mail sends DONE before any other command on the folder. */
    private void wake(IMAPFolder folder) {
        try {
            folder.doCommand(protocol -> {
                protocol.noop();
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // The watcher's own thread sees the broken connection and reports it.
            log.debug("{}: waking the IDLE failed: {}", account.server().describe(), e.toString());
        }
    }

    private void poll(IMAPFolder folder) throws MessagingException, InterruptedException {
        loop.status(new WatcherStatus.Polling(environment.clock().instant().plus(pollInterval())));
        loop.pause(pollInterval());
        // NOOP makes the server announce what arrived meanwhile (EXISTS), and keeps the session alive.
        folder.doCommand(protocol -> {
            protocol.noop();
            return null;
        });
    }

    private Duration pollInterval() {
        return environment.settings().pollInterval();
    }

    /** Stores every mail beyond the cursor, lowest UID first, so that the stored cursor never skips one. */
    private void catchUp(IMAPFolder folder) throws MessagingException, IOException {
        long uidValidity = folder.getUIDValidity();
        if (uidValidity <= 0) {
            throw new MessagingException("the server sent no UIDVALIDITY for " + folder.getFullName());
        }
        if (cursor == null) {
            cursor = intake.cursor(account.id()).orElse(null);
        }
        if (cursor == null) {
            cursor = baseline(folder, uidValidity);
        }
        long after = 0;
        if (cursor != null && cursor.uidValidity() == uidValidity) {
            after = cursor.lastUid();
        } else if (cursor != null) {
            log.info("{}: UIDVALIDITY changed from {} to {}; reading the folder again, skipping mail already stored",
                    account.server().describe(), cursor.uidValidity(), uidValidity);
        }
        cursor = new UpstreamCursor(uidValidity, after);
        do {
            for (Numbered numbered : beyond(folder, cursor.lastUid())) {
                if (loop.closed()) {
                    return;
                }
                deliver(uidValidity, numbered);
                cursor = new UpstreamCursor(uidValidity, numbered.uid());
            }
        } while (!loop.closed() && behind(folder));
    }

    /**
     * The first connection to the account: the folder holds the user's old mail, which is not news.
     * Records its highest UID as the baseline, so that only mail arriving after it is stored and pushed.
     */
    private UpstreamCursor baseline(IMAPFolder folder, long uidValidity) throws MessagingException {
        int count = folder.getMessageCount();
        // UIDs ascend with the message sequence numbers (RFC 3501 §2.3.1.1): the last mail has the highest.
        long lastUid = count == 0 ? 0 : folder.getUID(folder.getMessage(count));
        var baseline = new UpstreamCursor(uidValidity, lastUid);
        intake.baseline(account, new UpstreamBaseline.Imap(baseline));
        log.info("{}: first connection; leaving the {} mails in the folder alone, pushing those after UID {} (UIDVALIDITY {})",
                account.server().describe(), count, lastUid, uidValidity);
        return baseline;
    }

    /**
     * Whether the folder's last mail lies beyond the cursor: a mail the server announced (EXISTS)
     * while this catch-up was fetching. IDLE would not report it again, so catch up once more first.
     */
    private boolean behind(IMAPFolder folder) throws MessagingException {
        int count = folder.getMessageCount();
        return count > 0 && folder.getUID(folder.getMessage(count)) > cursor.lastUid();
    }

    private List<Numbered> beyond(IMAPFolder folder, long after) throws MessagingException {
        List<Numbered> numbered = new ArrayList<>();
        for (Message message : folder.getMessagesByUID(after + 1, UIDFolder.LASTUID)) {
            long uid = folder.getUID(message);
            // "UID FETCH n:*" also answers with the last mail when its UID is below n (RFC 3501 §6.4.8).
            if (uid > after) {
                numbered.add(new Numbered(uid, message));
            }
        }
        numbered.sort(Comparator.comparingLong(Numbered::uid));
        return numbered;
    }

    private void deliver(long uidValidity, Numbered numbered) throws MessagingException, IOException {
        Optional<byte[]> raw;
        try {
            raw = JakartaMail.raw(numbered.message(), environment.settings().maxMessageBytes());
        } catch (MessageRemovedException e) {
            // Expunged upstream before we could read it: there is nothing left to deliver.
            return;
        }
        if (raw.isEmpty()) {
            log.warn("{}: UID {} is larger than upstream.max-message-size ({} bytes); left upstream", account.server().describe(),
                    numbered.uid(), environment.settings().maxMessageBytes());
            return;
        }
        boolean stored = intake.deliver(account, uidValidity, numbered.uid(), raw.get());
        log.debug("{}: UID {} {}", account.server().describe(), numbered.uid(), stored ? "stored" : "already stored");
    }
}
