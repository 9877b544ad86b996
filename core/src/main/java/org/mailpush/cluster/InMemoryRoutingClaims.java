package org.mailpush.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.StoredMail;
import org.mailpush.user.UserId;

/**
 * {@link RoutingClaims} held in memory over the pending jobs of a {@link MailStore}, for the nodes
 * of one process (tests); one claim at a time. Claims of jobs no longer pending are dropped as the
 * jobs are seen to end.
 */
public final class InMemoryRoutingClaims implements RoutingClaims {
    private record Claim(NodeId node, Instant until) {
        boolean heldAgainst(NodeId other, Instant now) {
            return !node.equals(other) && !until.isBefore(now);
        }
    }

    private final MailStore mails;
    private final Map<MailId, Claim> claims = new HashMap<>();

    public InMemoryRoutingClaims(MailStore mails) {
        this.mails = mails;
    }

    @Override
    public synchronized List<StoredMail> claim(NodeId node, int limit, Instant unclaimedBefore, Instant now, Instant until) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        List<StoredMail> pending = pending();
        List<StoredMail> claimed = new ArrayList<>();
        for (StoredMail mail : pending) {
            if (claimed.size() == limit) {
                break;
            }
            Claim held = claims.get(mail.id());
            boolean free = held == null ? mail.receivedAt().isBefore(unclaimedBefore) : !held.heldAgainst(node, now);
            if (free) {
                claims.put(mail.id(), new Claim(node, until));
                claimed.add(mail);
            }
        }
        return claimed;
    }

    @Override
    public synchronized boolean claim(NodeId node, UserId owner, MailId mail, Instant now, Instant until) {
        boolean pending = pending().stream().anyMatch(m -> m.id().equals(mail) && m.owner().equals(owner));
        Claim held = claims.get(mail);
        if (!pending || (held != null && held.heldAgainst(node, now))) {
            return false;
        }
        claims.put(mail, new Claim(node, until));
        return true;
    }

    @Override
    public synchronized void release(NodeId node) {
        // Released, a job is as one never claimed: its mail is old enough to be claimed by any node at once.
        claims.values().removeIf(claim -> claim.node().equals(node));
    }

    /** Every pending mail, oldest first; forgets the claims of jobs that ended. */
    private List<StoredMail> pending() {
        List<StoredMail> pending = mails.pendingRouting(Integer.MAX_VALUE);
        Set<MailId> ids = pending.stream().map(StoredMail::id).collect(Collectors.toSet());
        claims.keySet().retainAll(ids);
        return pending;
    }
}
