package org.mailpush.store.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoredMail;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamBaseline;
import org.mailpush.upstream.UpstreamCursor;
import org.mailpush.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail store with the journal in front: {@link #append} returns once the mail's record is synced
 * to the journal and the database committed the mail, so that a mail acknowledged is on stable
 * storage and, whatever the database makes of a crash, stored again at the next start. Everything
 * else goes to the database's store as it is.
 */
public final class JournaledMailStore implements MailStore, AutoCloseable {
    /** How often a checkpoint runs, and so about how much mail the journal holds. */
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    /**
     * How long the journal keeps mail after a checkpoint forced it to the database's disk: H2 was
     * seen to come back from a {@code kill -9} without mail it had forced to disk earlier, so the
     * journal does not take a checkpoint's word for it at once (see {@code architecture.md}).
     */
    public static final Duration KEEP = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(JournaledMailStore.class);

    private final MailStore mails;
    private final JournaledStore store;
    private final MailJournal journal;
    private final ScheduledExecutorService checkpoints;

    private JournaledMailStore(MailStore mails, JournaledStore store, MailJournal journal, Duration interval) {
        this.mails = mails;
        this.store = store;
        this.journal = journal;
        this.checkpoints = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mailpush-journal-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        checkpoints.scheduleWithFixedDelay(this::checkpoint, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the journal in {@code directory}, first storing what its segments hold and the database
     * lacks, and starts the checkpoints.
     *
     * @param mails the database's mail store, for everything but appends
     * @param store the same store, appending under journal keys
     */
    public static JournaledMailStore open(Path directory, MailStore mails, JournaledStore store, Duration interval) {
        return new JournaledMailStore(mails, store, MailJournal.open(directory, store, KEEP, InstantSource.system()), interval);
    }

    @Override
    public List<StoredMail> append(NewMail mail) {
        MailJournal.Ticket ticket = journal.write(mail);
        try {
            // The database stores the mail while another appender may already be syncing the journal for it.
            List<StoredMail> stored = store.append(mail, ticket.key());
            journal.awaitDurable(ticket);
            return stored;
        } finally {
            journal.done(ticket);
        }
    }

    /** How many times the journal was synced, for the benchmarks and tests: far fewer than appends under load. */
    public long syncs() {
        return journal.syncs();
    }

    private void checkpoint() {
        try {
            journal.checkpoint(store);
        } catch (RuntimeException e) {
            LOG.warn("mail journal checkpoint failed; the journal keeps its segments until one succeeds", e);
        }
    }

    @Override
    public void close() {
        checkpoints.shutdown();
        try {
            if (!checkpoints.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("a mail journal checkpoint still runs; closing the journal anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }

    @Override
    public Optional<StoredMail> find(UserId owner, MailId id) {
        return mails.find(owner, id);
    }

    @Override
    public Optional<byte[]> raw(UserId owner, MailId id) {
        return mails.raw(owner, id);
    }

    @Override
    public List<StoredMail> recent(UserId owner, int limit) {
        return mails.recent(owner, limit);
    }

    @Override
    public List<StoredMail> olderThan(UserId owner, MailId before, int limit) {
        return mails.olderThan(owner, before, limit);
    }

    @Override
    public Optional<Origin> origin(UserId owner, MailId id) {
        return mails.origin(owner, id);
    }

    @Override
    public Optional<StoredMail> setFlags(UserId owner, MailId id, MailFlags flags) {
        return mails.setFlags(owner, id, flags);
    }

    @Override
    public List<StoredMail> pendingRouting(int limit) {
        return mails.pendingRouting(limit);
    }

    @Override
    public boolean routed(UserId owner, MailId id) {
        return mails.routed(owner, id);
    }

    @Override
    public void upstreamBaseline(UpstreamAccountId account, UpstreamBaseline baseline) {
        mails.upstreamBaseline(account, baseline);
    }

    @Override
    public Optional<UpstreamCursor> upstreamCursor(UpstreamAccountId account) {
        return mails.upstreamCursor(account);
    }

    @Override
    public Optional<Set<String>> upstreamUidls(UpstreamAccountId account) {
        return mails.upstreamUidls(account);
    }
}
