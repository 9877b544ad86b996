package org.mailpush.mail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamBaseline;
import org.mailpush.upstream.UpstreamCursor;
import org.mailpush.user.UserId;

/**
 * The mailboxes: every accepted mail, its per-user flags and its pending routing job (SPEC X1).
 * Every lookup takes the owner, so one user can never reach another's mail by its id (SPEC X8).
 * Implementations are safe for concurrent use.
 */
public interface MailStore {
    /** How long a Message-ID is remembered for duplicate suppression unless configured otherwise. */
    Duration DUPLICATE_WINDOW = Duration.ofHours(24);

    /**
     * Stores the mail once for each recipient together with a routing job for each, atomically:
     * when this returns, the mail survives a crash; when it throws, nothing was stored. A mail from
     * an upstream account whose fingerprint that account already delivered is a duplicate: nothing is
     * stored and the result is empty.
     *
     * <p>A mail from an SMTP client is a duplicate for a recipient when a mail with the same
     * {@link NewMail#messageId() Message-ID} from the same envelope sender was stored for them and
     * received at most the store's duplicate window (by default {@link #DUPLICATE_WINDOW}) before it:
     * the client retried after a lost 250. It is not stored again for that recipient, and the result
     * lacks them. Concurrent appends of one such mail store it once. A mail without a Message-ID is
     * never a duplicate.
     *
     * <p>The recipients are users of the {@link org.mailpush.user.UserDirectory}, and an upstream
     * origin names one of the {@link org.mailpush.upstream.UpstreamAccounts}: a store that keeps them
     * together (the database) refuses a mail for anyone else whole, with a {@link StoreException}.
     *
     * @throws StoreException when the store cannot commit (the SMTP receiver answers 451)
     */
    List<StoredMail> append(NewMail mail);

    Optional<StoredMail> find(UserId owner, MailId id);

    /** The raw message as received. */
    Optional<byte[]> raw(UserId owner, MailId id);

    /** The owner's newest mails first, at most {@code limit}. */
    List<StoredMail> recent(UserId owner, int limit);

    /** The owner's mails older than {@code before} (a smaller id), newest first, at most {@code limit}: the next page after {@link #recent}. */
    List<StoredMail> olderThan(UserId owner, MailId before, int limit);

    /**
     * How the mail reached mailpush, for writing its flags back to the upstream mailbox it came from;
     * empty when the owner has no such mail. A store that keeps upstream accounts and mail together
     * forgets an upstream origin when its account is removed: the mail stays, its origin is empty.
     */
    Optional<Origin> origin(UserId owner, MailId id);

    /** Sets the flags of a mail; empty when the owner has no such mail. */
    Optional<StoredMail> setFlags(UserId owner, MailId id, MailFlags flags);

    /** Mails whose routing job is still pending, oldest first, at most {@code limit}. */
    List<StoredMail> pendingRouting(int limit);

    /**
     * Marks a mail's routing job done; whether it was pending (false for a mail routed already, and
     * for another user's).
     */
    boolean routed(UserId owner, MailId id);

    /**
     * Records what an account's mailbox held when its watcher first reached it, so that this old mail
     * is never stored: see {@link #upstreamCursor} and {@link #upstreamUidls}. An account has one
     * baseline: when it has one already, this changes nothing. When this returns, the baseline
     * survives a crash. A store that keeps upstream accounts and mail together refuses the baseline of
     * an account it does not know with a {@link StoreException}, and forgets a baseline with its account.
     *
     * @throws StoreException when the store cannot commit
     */
    void upstreamBaseline(UpstreamAccountId account, UpstreamBaseline baseline);

    /**
     * Where the IMAP watcher of an account resumes: the later (see {@link UpstreamCursor#later}) of its
     * {@link UpstreamBaseline.Imap baseline} and the highest UID stored under the newest UIDVALIDITY.
     * Empty when the account has neither: its watcher has not reached the folder yet.
     */
    Optional<UpstreamCursor> upstreamCursor(UpstreamAccountId account);

    /**
     * The POP3 UIDLs an account has seen: those of its {@link UpstreamBaseline.Pop3 baseline} and those
     * of the mail it delivered. Empty when the account has neither a baseline nor any stored mail: its
     * watcher has not reached the maildrop yet (a present but empty set is a maildrop that was empty).
     */
    Optional<Set<String>> upstreamUidls(UpstreamAccountId account);
}
