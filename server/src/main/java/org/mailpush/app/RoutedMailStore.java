package org.mailpush.app;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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
 * The mail store as ingest sees it: every mail it stores is handed on to routing once the store has
 * committed it. If routing never hears of it (a crash right after the commit), its pending routing
 * job brings it back at the next start. At DEBUG, one line per mail says how long storing it took and
 * when it was handed on ({@code docs/benchmarks.md} reads it).
 */
final class RoutedMailStore implements MailStore {
    private static final Logger LOG = LoggerFactory.getLogger(RoutedMailStore.class);

    private final MailStore store;
    private final Consumer<StoredMail> routing;

    RoutedMailStore(MailStore store, Consumer<StoredMail> routing) {
        this.store = store;
        this.routing = routing;
    }

    @Override
    public List<StoredMail> append(NewMail mail) {
        long begun = System.nanoTime();
        List<StoredMail> stored = store.append(mail);
        long done = System.nanoTime();
        stored.forEach(routing);
        if (LOG.isDebugEnabled()) {
            stored.forEach(m -> LOG.debug("mail {} stored: store {} µs, handed to routing at {} ns", m.id().value(), (done - begun) / 1000, done));
        }
        return stored;
    }

    @Override
    public Optional<StoredMail> find(UserId owner, MailId id) {
        return store.find(owner, id);
    }

    @Override
    public Optional<byte[]> raw(UserId owner, MailId id) {
        return store.raw(owner, id);
    }

    @Override
    public List<StoredMail> recent(UserId owner, int limit) {
        return store.recent(owner, limit);
    }

    @Override
    public List<StoredMail> olderThan(UserId owner, MailId before, int limit) {
        return store.olderThan(owner, before, limit);
    }

    @Override
    public Optional<Origin> origin(UserId owner, MailId id) {
        return store.origin(owner, id);
    }

    @Override
    public Optional<StoredMail> setFlags(UserId owner, MailId id, MailFlags flags) {
        return store.setFlags(owner, id, flags);
    }

    @Override
    public List<StoredMail> pendingRouting(int limit) {
        return store.pendingRouting(limit);
    }

    @Override
    public boolean routed(UserId owner, MailId id) {
        return store.routed(owner, id);
    }

    @Override
    public Optional<UpstreamCursor> upstreamCursor(UpstreamAccountId account) {
        return store.upstreamCursor(account);
    }

    @Override
    public void upstreamBaseline(UpstreamAccountId account, UpstreamBaseline baseline) {
        store.upstreamBaseline(account, baseline);
    }

    @Override
    public Optional<Set<String>> upstreamUidls(UpstreamAccountId account) {
        return store.upstreamUidls(account);
    }
}
