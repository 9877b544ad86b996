package org.mailpush.mail;

import java.time.Instant;

/**
 * Removes from the store what is past its time, and nothing a terminal still needs: a delivery is
 * removed only once acknowledged, a plan only once none of its mail's deliveries waits for an
 * acknowledgement or an escalation, a mail only once every terminal it went to acknowledged it, it is
 * routed, and no escalation of it is due.
 */
public interface Retention {

    /**
     * @param mailAcknowledgedBefore a mail received, and acknowledged by every terminal, before this goes
     * @param deliveriesBefore       a delivery acknowledged, or a plan decided, before this goes; a delivery
     *                               stays while its mail is kept and needs it to tell when it was acknowledged
     */
    Pruned prune(Instant mailAcknowledgedBefore, Instant deliveriesBefore);

    /** How many of each were removed. */
    record Pruned(int mails, int deliveries, int plans) {
        public boolean any() {
            return mails + deliveries + plans > 0;
        }
    }
}
