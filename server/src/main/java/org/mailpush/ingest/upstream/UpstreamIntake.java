package org.mailpush.ingest.upstream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mailpush.ingest.mime.MimeSummarizer;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.MailUsage;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.Quota;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamBaseline;
import org.mailpush.upstream.UpstreamCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where upstream watchers put what they find: each mail becomes a {@link NewMail} for the account's
 * owner, stored with its upstream position and the SHA-256 fingerprint of its bytes. Because the
 * cursors are read back from the stored mail, a mail counts as seen exactly when it is stored. At the
 * first connection to an account a watcher records a baseline instead, so that the mail already in
 * the mailbox is not stored and pushed as if it were new.
 */
public final class UpstreamIntake {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamIntake.class);
    private final MailStore store;
    private final MimeSummarizer summarizer;
    private final InstantSource clock;
    private final Quota quota;
    private final MailUsage usage;

    public UpstreamIntake(MailStore store, MimeSummarizer summarizer, InstantSource clock) {
        this(store, summarizer, clock, Quota.NONE, owner -> new MailUsage.Usage(0, 0));
    }

    /**
     * @param quota how much each mailbox may hold: a mail for a full mailbox is not stored, and the
     *              watcher pauses ({@link MailboxFullException}); one larger than the whole quota is left upstream
     * @param usage what each mailbox holds
     */
    public UpstreamIntake(MailStore store, MimeSummarizer summarizer, InstantSource clock, Quota quota, MailUsage usage) {
        this.quota = Objects.requireNonNull(quota, "quota");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.store = Objects.requireNonNull(store, "store");
        this.summarizer = Objects.requireNonNull(summarizer, "summarizer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Where an IMAP watcher resumes: the later of the account's baseline and the highest UID stored
     * under the newest UIDVALIDITY; empty before the watcher first reached the folder.
     */
    public Optional<UpstreamCursor> cursor(UpstreamAccountId account) {
        return store.upstreamCursor(account);
    }

    /**
     * The POP3 UIDLs in the account's baseline or of mail stored; empty before the watcher first
     * reached the maildrop.
     */
    public Optional<Set<String>> uidls(UpstreamAccountId account) {
        return store.upstreamUidls(account);
    }

    /**
     * Records what the mailbox holds at the watcher's first connection to the account: the user's old
     * mail, never stored nor pushed. Counts as the account's cursor from then on.
     */
    public void baseline(UpstreamAccount account, UpstreamBaseline baseline) {
        store.upstreamBaseline(account.id(), baseline);
    }

    /**
     * Stores a mail seen in an IMAP folder.
     *
     * @return false when the account had delivered these very bytes before: a duplicate, not stored
     */
    public boolean deliver(UpstreamAccount account, long uidValidity, long uid, byte[] raw) {
        return append(account, raw, new Origin.Upstream(account.id(), uidValidity, uid, "", fingerprint(raw)));
    }

    /**
     * Stores a mail seen in a POP3 maildrop.
     *
     * @param uidl the mail's UIDL, or empty when the server has none
     * @return false when the account had delivered these very bytes before: a duplicate, not stored
     */
    public boolean deliver(UpstreamAccount account, String uidl, byte[] raw) {
        return append(account, raw, new Origin.Upstream(account.id(), 0, 0, uidl, fingerprint(raw)));
    }

    private boolean append(UpstreamAccount account, byte[] raw, Origin.Upstream origin) {
        if (quota.limits()) {
            MailUsage.Usage held = usage.usage(account.owner());
            switch (quota.admit(held, raw.length)) {
                case TAKES -> { }
                case FULL -> throw new MailboxFullException("the mailbox of " + account.owner() + " is full: " + held.mails()
                        + " mails, " + held.bytes() + " bytes (quota.max-mails " + quota.maxMails() + ", quota.max-bytes "
                        + quota.maxBytes() + "; 0 is no limit)");
                case NEVER_FITS -> {
                    LOG.warn("{}: a mail of {} bytes is larger than the mailbox quota of {} ({} bytes); left upstream",
                            account.server().describe(), raw.length, account.owner(), quota.maxBytes());
                    return false;
                }
            }
        }
        var mail = new NewMail(List.of(account.owner()), envelopeSender(raw), raw, summary(raw),
                clock.instant(), origin);
        return !store.append(mail).isEmpty();
    }

    private MailSummary summary(byte[] raw) {
        var scan = summarizer.start();
        scan.write(raw, 0, raw.length);
        return scan.finish();
    }

    /** SHA-256 of the bytes in lower-case hex: what makes a mail seen twice a duplicate. */
    static String fingerprint(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The reverse path the delivering server recorded in Return-Path (RFC 5321 §4.4), or empty. */
    static String envelopeSender(byte[] raw) {
        try {
            String path = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("Return-Path", null);
            if (path == null) {
                return "";
            }
            path = path.strip();
            return path.startsWith("<") && path.endsWith(">") ? path.substring(1, path.length() - 1).strip() : path;
        } catch (MessagingException e) {
            return "";
        }
    }
}
