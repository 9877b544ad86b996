package org.mailpush.ingest.upstream;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * An {@link InMemoryMailStore} that counts the duplicates it refused and can be told to fail the
 * next appends, as a database that went away would.
 */
public final class RecordingMailStore implements MailStore {
    private final InMemoryMailStore store = new InMemoryMailStore();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    /** The subjects of the owner's mails, oldest first. */
    public List<String> subjects(UserId owner) {
        return store.recent(owner, Integer.MAX_VALUE).reversed().stream().map(m -> m.summary().subject()).toList();
    }

    public int count(UserId owner) {
        return store.recent(owner, Integer.MAX_VALUE).size();
    }

    /** How many appends were refused as duplicates. */
    public int duplicates() {
        return duplicates.get();
    }

    /** The next {@code count} appends throw {@link StoreException} and store nothing. */
    public void failNextAppends(int count) {
        failuresLeft.set(count);
    }

    @Override
    public List<StoredMail> append(NewMail mail) {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("the test store refuses this append", null);
        }
        var stored = store.append(mail);
        if (stored.isEmpty()) {
            duplicates.incrementAndGet();
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
