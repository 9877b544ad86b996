package org.mailpush.ingest.smtp;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailpush.mail.InMemoryMailStore;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoreException;
import org.mailpush.mail.StoredMail;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamBaseline;
import org.mailpush.upstream.UpstreamCursor;
import org.mailpush.user.UserId;

/** A mail store that fails every append and so stays empty. */
final class FailingMailStore implements MailStore {
    private final MailStore empty = new InMemoryMailStore();
    private final RuntimeException failure;
    private volatile int attempts;

    private FailingMailStore(RuntimeException failure) {
        this.failure = failure;
    }

    /** Fails as a store whose disk is full: with a {@link StoreException}. */
    static FailingMailStore diskFull() {
        return new FailingMailStore(new StoreException("disk full (FailingMailStore)", null));
    }

    /** Fails as a store with a bug: with an exception the port does not declare. */
    static FailingMailStore broken() {
        return new FailingMailStore(new IllegalStateException("a bug (FailingMailStore)"));
    }

    @Override
    public List<StoredMail> append(NewMail mail) {
        attempts++;
        throw failure;
    }

    /** How often {@link #append} was called. */
    int attempts() {
        return attempts;
    }

    @Override
    public Optional<StoredMail> find(UserId owner, MailId id) {
        return empty.find(owner, id);
    }

    @Override
    public Optional<byte[]> raw(UserId owner, MailId id) {
        return empty.raw(owner, id);
    }

    @Override
    public List<StoredMail> recent(UserId owner, int limit) {
        return empty.recent(owner, limit);
    }

    @Override
    public List<StoredMail> olderThan(UserId owner, MailId before, int limit) {
        return empty.olderThan(owner, before, limit);
    }

    @Override
    public Optional<Origin> origin(UserId owner, MailId id) {
        return empty.origin(owner, id);
    }

    @Override
    public Optional<StoredMail> setFlags(UserId owner, MailId id, MailFlags flags) {
        return empty.setFlags(owner, id, flags);
    }

    @Override
    public List<StoredMail> pendingRouting(int limit) {
        return empty.pendingRouting(limit);
    }

    @Override
    public boolean routed(UserId owner, MailId id) {
        return empty.routed(owner, id);
    }

    @Override
    public Optional<UpstreamCursor> upstreamCursor(UpstreamAccountId account) {
        return empty.upstreamCursor(account);
    }

    @Override
    public void upstreamBaseline(UpstreamAccountId account, UpstreamBaseline baseline) {
        empty.upstreamBaseline(account, baseline);
    }

    @Override
    public Optional<Set<String>> upstreamUidls(UpstreamAccountId account) {
        return empty.upstreamUidls(account);
    }
}
