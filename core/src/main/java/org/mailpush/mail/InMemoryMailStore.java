package org.mailpush.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamBaseline;
import org.mailpush.upstream.UpstreamCursor;
import org.mailpush.user.UserId;

/** A {@link MailStore} held in memory: nothing survives the process, everything else is as specified. */
public final class InMemoryMailStore implements MailStore {
    private final TreeMap<MailId, Entry> mails = new TreeMap<>();
    private final Map<UpstreamAccountId, UpstreamBaseline> baselines = new HashMap<>();
    /** When each (owner, envelope sender, Message-ID) was last stored. */
    private final Map<List<String>, Instant> messageIds = new HashMap<>();
    private final Duration duplicateWindow;
    private long lastId;

    /** A store that suppresses duplicates within {@link MailStore#DUPLICATE_WINDOW}. */
    public InMemoryMailStore() {
        this(DUPLICATE_WINDOW);
    }

    /** A store that suppresses duplicates within {@code duplicateWindow}. */
    public InMemoryMailStore(Duration duplicateWindow) {
        if (duplicateWindow.isNegative()) {
            throw new IllegalArgumentException("the duplicate window must not be negative, got " + duplicateWindow);
        }
        this.duplicateWindow = duplicateWindow;
    }

    private record Entry(StoredMail mail, byte[] raw, Origin origin, boolean pending) {
        Entry with(StoredMail changed, boolean stillPending) {
            return new Entry(changed, raw, origin, stillPending);
        }
    }

    @Override
    public synchronized List<StoredMail> append(NewMail mail) {
        if (mail.origin() instanceof Origin.Upstream upstream && delivered(upstream)) {
            return List.of();
        }
        List<StoredMail> stored = new ArrayList<>();
        String messageId = mail.origin() instanceof Origin.Smtp ? mail.messageId() : "";
        Instant cutoff = mail.receivedAt().minus(duplicateWindow);
        messageIds.values().removeIf(seen -> seen.isBefore(cutoff));
        for (UserId owner : mail.recipients()) {
            if (!messageId.isEmpty()) {
                Instant seen = messageIds.put(List.of(owner.value(), mail.envelopeSender(), messageId), mail.receivedAt());
                if (seen != null && !seen.isBefore(cutoff)) {
                    messageIds.put(List.of(owner.value(), mail.envelopeSender(), messageId), seen);
                    continue;
                }
            }
            var entry = new StoredMail(new MailId(++lastId), owner, mail.summary(), mail.receivedAt(), MailFlags.NEW);
            mails.put(entry.id(), new Entry(entry, mail.raw().clone(), mail.origin(), true));
            stored.add(entry);
        }
        return stored;
    }

    private boolean delivered(Origin.Upstream upstream) {
        return mails.values().stream().anyMatch(e -> e.origin() instanceof Origin.Upstream seen
                && seen.account().equals(upstream.account()) && seen.fingerprint().equals(upstream.fingerprint()));
    }

    @Override
    public synchronized Optional<StoredMail> find(UserId owner, MailId id) {
        return entry(owner, id).map(Entry::mail);
    }

    private Optional<Entry> entry(UserId owner, MailId id) {
        return Optional.ofNullable(mails.get(id)).filter(e -> e.mail().owner().equals(owner));
    }

    @Override
    public synchronized Optional<byte[]> raw(UserId owner, MailId id) {
        return entry(owner, id).map(e -> e.raw().clone());
    }

    @Override
    public synchronized List<StoredMail> recent(UserId owner, int limit) {
        return mails.descendingMap().values().stream()
                .map(Entry::mail)
                .filter(m -> m.owner().equals(owner))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<StoredMail> olderThan(UserId owner, MailId before, int limit) {
        return mails.headMap(before, false).descendingMap().values().stream()
                .map(Entry::mail)
                .filter(m -> m.owner().equals(owner))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Origin> origin(UserId owner, MailId id) {
        return entry(owner, id).map(Entry::origin);
    }

    @Override
    public synchronized Optional<StoredMail> setFlags(UserId owner, MailId id, MailFlags flags) {
        return entry(owner, id).map(e -> {
            var changed = new StoredMail(id, owner, e.mail().summary(), e.mail().receivedAt(), flags);
            mails.put(id, e.with(changed, e.pending()));
            return changed;
        });
    }

    @Override
    public synchronized List<StoredMail> pendingRouting(int limit) {
        return mails.values().stream().filter(Entry::pending).map(Entry::mail).limit(limit).toList();
    }

    @Override
    public synchronized boolean routed(UserId owner, MailId id) {
        Optional<Entry> pending = entry(owner, id).filter(Entry::pending);
        pending.ifPresent(e -> mails.put(id, e.with(e.mail(), false)));
        return pending.isPresent();
    }

    @Override
    public synchronized void upstreamBaseline(UpstreamAccountId account, UpstreamBaseline baseline) {
        Objects.requireNonNull(baseline, "baseline");
        baselines.putIfAbsent(account, baseline);
    }

    @Override
    public synchronized Optional<UpstreamCursor> upstreamCursor(UpstreamAccountId account) {
        Optional<UpstreamCursor> stored = upstream(account)
                .filter(u -> u.uidValidity() > 0)
                .max(Comparator.comparingLong(Origin.Upstream::uidValidity).thenComparingLong(Origin.Upstream::uid))
                .map(u -> new UpstreamCursor(u.uidValidity(), u.uid()));
        if (!(baselines.get(account) instanceof UpstreamBaseline.Imap(UpstreamCursor baseline))) {
            return stored;
        }
        return Optional.of(stored.map(baseline::later).orElse(baseline));
    }

    @Override
    public synchronized Optional<Set<String>> upstreamUidls(UpstreamAccountId account) {
        UpstreamBaseline baseline = baselines.get(account);
        if (baseline == null && upstream(account).findAny().isEmpty()) {
            return Optional.empty();
        }
        Set<String> uidls = new HashSet<>();
        if (baseline instanceof UpstreamBaseline.Pop3(Set<String> present)) {
            uidls.addAll(present);
        }
        upstream(account).filter(u -> !u.uidl().isEmpty()).forEach(u -> uidls.add(u.uidl()));
        return Optional.of(uidls);
    }

    private java.util.stream.Stream<Origin.Upstream> upstream(UpstreamAccountId account) {
        return mails.values().stream()
                .map(Entry::origin)
                .filter(o -> o instanceof Origin.Upstream u && u.account().equals(account))
                .map(Origin.Upstream.class::cast);
    }
}
