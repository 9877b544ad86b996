package org.mailpush.store.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.StoreException;
import org.mailpush.mail.StoredMail;

/** A journaled store in memory: the mails by key, and how many checkpoints it was asked for. */
final class RecordingStore implements JournaledStore {
    final Map<Long, NewMail> mails = new ConcurrentSkipListMap<>();
    final AtomicInteger checkpoints = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    /** A subject the store refuses, as a database refuses mail to a recipient removed since. */
    volatile String refused = "";

    @Override
    public List<StoredMail> append(NewMail mail, long key) {
        if (mail.summary().subject().equals(refused)) {
            throw new StoreException("no such recipient", null);
        }
        if (mails.putIfAbsent(key, mail) != null) {
            return List.of();
        }
        Instant at = mail.receivedAt();
        return List.of(new StoredMail(new MailId(ids.incrementAndGet()), mail.recipients().getFirst(), mail.summary(), at, MailFlags.NEW));
    }

    /** An in-memory store loses nothing in a crash: what it holds under the key is whole. */
    @Override
    public List<StoredMail> restore(NewMail mail, long key) {
        return append(mail, key);
    }

    @Override
    public Set<Long> whole(Map<Long, NewMail> records) {
        return records.keySet().stream().filter(mails::containsKey).collect(Collectors.toSet());
    }

    @Override
    public long lastKey() {
        return mails.isEmpty() ? 0 : ((ConcurrentSkipListMap<Long, NewMail>) mails).lastKey();
    }

    @Override
    public void checkpoint() {
        checkpoints.incrementAndGet();
    }
}
