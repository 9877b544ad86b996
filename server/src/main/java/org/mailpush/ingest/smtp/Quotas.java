package org.mailpush.ingest.smtp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mailpush.mail.MailUsage;
import org.mailpush.mail.Quota;
import org.mailpush.user.UserId;

/**
 * The quota check, answered as Postfix and Dovecot answer it (RFC 3463 X.2.2, "mailbox full"), at
 * RCPT and again at the end of DATA, when the message's size is known.
 *
 * <p>At RCPT: 452 4.2.2 while the mailbox is full, so that the sender keeps the mail and tries again
 * as the mailbox frees up; 552 5.2.2 when the message's declared size alone is over the whole limit,
 * which no waiting cures. At the end of DATA: 552 5.2.2 when the message would take the mailbox over
 * its byte limit, as Dovecot's delivery answers it, and nothing is stored; 452 4.2.2 when it is only
 * the mail other sessions are sending the same user at this moment that leaves no room.
 *
 * <p>Mail transactions in progress hold room ({@link Holds}): a recipient accepted at RCPT holds one
 * mail and the declared size, grown to the real size at the end of DATA and given back once the mail
 * is stored or the transaction ends otherwise. Each check counts what other sessions hold for the
 * same user, so that many sessions cannot all pass RCPT together and then overshoot the quota by as
 * many mails.
 */
public final class Quotas {
    /** No limit: nothing is looked up or held. */
    public static final Quotas NONE = new Quotas(owner -> new MailUsage.Usage(0, 0), Quota.NONE);

    private static final int STRIPES = 64;

    private final MailUsage usage;
    private final Quota quota;
    /** One lock per stripe of users: a user's check and the change to what is held for them are one step. */
    private final Object[] stripes = new Object[STRIPES];
    private final Map<UserId, MailUsage.Usage> held = new HashMap<>(); // guarded by the owner's stripe and by itself

    public Quotas(MailUsage usage, Quota quota) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.quota = Objects.requireNonNull(quota, "quota");
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Room held for one mail transaction; {@link #release()} when it ends, however it ends. */
    Holds holds() {
        return new Holds();
    }

    /** What all transactions in progress hold for {@code owner}, for tests and the operator. */
    MailUsage.Usage held(UserId owner) {
        synchronized (held) {
            return held.getOrDefault(owner, new MailUsage.Usage(0, 0));
        }
    }

    private Object stripe(UserId owner) {
        return stripes[Math.floorMod(owner.hashCode(), STRIPES)];
    }

    private void add(UserId owner, long mails, long bytes) {
        synchronized (held) {
            MailUsage.Usage now = held.getOrDefault(owner, new MailUsage.Usage(0, 0));
            MailUsage.Usage then = new MailUsage.Usage(now.mails() + mails, now.bytes() + bytes);
            if (then.mails() == 0 && then.bytes() == 0) {
                held.remove(owner);
            } else {
                held.put(owner, then);
            }
        }
    }

    private static MailUsage.Usage plus(MailUsage.Usage a, MailUsage.Usage b) {
        return new MailUsage.Usage(a.mails() + b.mails(), a.bytes() + b.bytes());
    }

    private static MailUsage.Usage minus(MailUsage.Usage a, MailUsage.Usage b) {
        return new MailUsage.Usage(a.mails() - b.mails(), a.bytes() - b.bytes());
    }

    /** The room one transaction holds, by user. Used by its session's thread only. */
    final class Holds {
        private final Map<UserId, MailUsage.Usage> mine = new LinkedHashMap<>();

        /**
         * Checks a recipient at RCPT and, if the mailbox takes the mail, holds one mail and
         * {@code declaredSize} bytes for its owner; a second recipient of the same owner holds nothing more.
         *
         * @param declaredSize MAIL FROM's SIZE=, 0 when not given
         * @return the refusal, empty when the recipient is accepted
         */
        Optional<Reply> admit(UserId owner, long declaredSize, String path) {
            if (!quota.limits() || mine.containsKey(owner)) {
                return Optional.empty();
            }
            synchronized (stripe(owner)) {
                MailUsage.Usage counted = plus(usage.usage(owner), held(owner));
                switch (quota.admit(counted, declaredSize)) {
                    case TAKES -> {
                        mine.put(owner, new MailUsage.Usage(1, declaredSize));
                        add(owner, 1, declaredSize);
                        return Optional.empty();
                    }
                    case FULL -> {
                        return Optional.of(Reply.of(452, "4.2.2", "<" + path + ">: Mailbox full, try again later"));
                    }
                    case NEVER_FITS -> {
                        return Optional.of(neverFits(path));
                    }
                }
            }
            throw new AssertionError("every verdict is answered");
        }

        /**
         * Checks each recipient again with the message's real size at the end of DATA, before it is
         * stored, and holds that size for them.
         *
         * @return the refusal for the whole message, empty when every mailbox takes it
         */
        Optional<Reply> settle(Envelope envelope, long size) {
            if (!quota.limits()) {
                return Optional.empty();
            }
            Set<UserId> checked = new HashSet<>();
            for (RecipientCheck.Verdict.Local recipient : envelope.recipients()) {
                UserId owner = recipient.owner();
                MailUsage.Usage hold = mine.get(owner);
                if (hold == null || !checked.add(owner)) {
                    continue;
                }
                synchronized (stripe(owner)) {
                    MailUsage.Usage stored = usage.usage(owner);
                    MailUsage.Usage others = minus(held(owner), hold);
                    String path = recipient.address().toString();
                    switch (quota.admit(stored, size)) {
                        case NEVER_FITS -> {
                            return Optional.of(neverFits(path));
                        }
                        case FULL -> {
                            if (quota.maxBytes() > 0 && stored.bytes() + size > quota.maxBytes()) {
                                return Optional.of(Reply.of(552, "5.2.2", "<" + path + ">: Mailbox full"));
                            }
                            return Optional.of(Reply.of(452, "4.2.2", "<" + path + ">: Mailbox full, try again later"));
                        }
                        case TAKES -> {
                            if (quota.admit(plus(stored, others), size) != Quota.Verdict.TAKES) {
                                return Optional.of(Reply.of(452, "4.2.2",
                                        "<" + path + ">: Mailbox full with mail arriving now, try again later"));
                            }
                        }
                    }
                    mine.put(owner, new MailUsage.Usage(1, size));
                    add(owner, 0, size - hold.bytes());
                }
            }
            return Optional.empty();
        }

        /** Gives back all the room held; the mail is stored or will not be. Idempotent. */
        void release() {
            mine.forEach((owner, hold) -> {
                synchronized (stripe(owner)) {
                    add(owner, -hold.mails(), -hold.bytes());
                }
            });
            mine.clear();
        }
    }

    private static Reply neverFits(String path) {
        return Reply.of(552, "5.2.2", "<" + path + ">: Message larger than the mailbox quota");
    }
}
