package org.mailpush.cluster;

import java.time.Instant;
import java.util.List;
import org.mailpush.mail.MailId;
import org.mailpush.mail.StoredMail;
import org.mailpush.user.UserId;

/**
 * Which node routes a stored mail, where several nodes share one store: a node routes a mail only
 * after it has claimed the mail's pending routing job, and a claim holds until its lease runs out.
 * A node that dies mid-job leaves the job to be claimed again once the lease has passed; one that
 * stops cleanly releases its claims at once.
 *
 * <p>A claim is about work, not correctness: that a mail's plan is kept once is
 * {@link org.mailpush.push.RoutingStore#keep}'s promise, which holds even when a node that lost its
 * claim (paused past its lease) keeps a plan at the same time as the node that claimed the job after
 * it. Leases are compared with the times the nodes pass in, so the nodes' clocks must agree to well
 * within a lease (NTP). Implementations are safe for concurrent use, also by several processes on one store.
 */
public interface RoutingClaims {

    /**
     * Claims for {@code node}, until {@code until}, at most {@code limit} pending routing jobs that no
     * other node holds at {@code now} — released, past their lease, or the node's own —, and those
     * never claimed whose mail was received before {@code unclaimedBefore}: a new mail is left a while
     * to the node that stored it, which claims it itself. The oldest first. Two nodes claiming at once
     * never get the same job.
     *
     * @return the mails whose jobs the node now holds, oldest first
     */
    List<StoredMail> claim(NodeId node, int limit, Instant unclaimedBefore, Instant now, Instant until);

    /**
     * Claims one of the owner's mails for {@code node}, until {@code until}, whatever its age.
     *
     * @return whether the node now holds the job; false when it is not pending, is not the owner's, or another node holds it
     */
    boolean claim(NodeId node, UserId owner, MailId mail, Instant now, Instant until);

    /** Releases every claim the node holds, so that any node may claim those jobs at once (a clean stop, a restart). */
    void release(NodeId node);
}
