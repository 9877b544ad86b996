package org.mailpush.store.journal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.StoredMail;

/** The database behind the journal: what it must do for the journal's records to be stored once. */
public interface JournaledStore {
    /**
     * Stores the mail under its journal key, as {@link org.mailpush.mail.MailStore#append} does; when a
     * mail with this key is stored already, stores nothing and returns an empty list.
     */
    List<StoredMail> append(NewMail mail, long key);

    /**
     * Stores again a record the journal holds at start, and returns the mailbox entries it stored or
     * put back. A crash may have left any part of a mail the database had committed, so: when a mail
     * with this key is stored, puts back what it lacks (an entry of a recipient who still exists and
     * for whom the mail was no duplicate; the routing job of an entry never routed); when none is,
     * stores the mail as {@link #append} does, where a Message-ID claim made under this key is the
     * mail's own, not a duplicate's.
     */
    List<StoredMail> restore(NewMail mail, long key);

    /**
     * Of these journal records, by key, the keys of those the store holds whole — the mail, with an
     * entry for each of its recipients waiting to be routed or routed, or emptied by retention —
     * which need not be restored: one query for them all, where restoring takes several a record.
     */
    Set<Long> whole(Map<Long, NewMail> records);

    /** The highest journal key stored, or 0 when none is. */
    long lastKey();

    /** Forces everything committed so far to stable storage. */
    void checkpoint();
}
