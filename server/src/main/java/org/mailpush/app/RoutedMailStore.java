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

/**
 * The mail store as ingest sees it: every mail it stores is handed on to routing once the store has
 * committed it. If routing never hears of it (a crash right after the commit), its pending routing
 * job brings it back at the next start.
 */
final class RoutedMailStore implements MailStore {
    private final MailStore store;
    private final Consumer<StoredMail> routing;

    RoutedMailStore(MailStore store, Consumer<StoredMail> routing) {
        this.store = store;
        this.routing = routing;
    }

    @Override
    public List<StoredMail> append(NewMail mail) {
        List<StoredMail> stored = store.append(mail);
        stored.forEach(routing);
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
