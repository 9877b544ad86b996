package org.mailpush.store.journal;

import java.util.List;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.StoredMail;

/** The database behind the journal: what it must do for the journal's records to be stored once. */
public interface JournaledStore {
    /**
     * Stores the mail under its journal key, as {@link org.mailpush.mail.MailStore#append} does; when a
     * mail with this key is stored already, stores nothing and returns an empty list.
     */
    List<StoredMail> append(NewMail mail, long key);

    /** The highest journal key stored, or 0 when none is. */
    long lastKey();

    /** Forces everything committed so far to stable storage. */
    void checkpoint();
}
