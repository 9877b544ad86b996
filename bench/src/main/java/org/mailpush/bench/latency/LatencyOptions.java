package org.mailpush.bench.latency;

import java.time.Duration;
import org.mailpush.bench.host.Workspace;

/**
 * The sizes of a latency run.
 *
 * @param terminals             terminals connected to mailpush during the run
 * @param devicesPerUser        terminals per user; one of each user's is in use
 * @param mails                 mails measured per way (heartbeat, probe, IMAP IDLE; echo round trips)
 * @param warmup                mails sent first and not measured, per way
 * @param mailBytes             the size of each mail
 * @param connectionsPerAddress terminals per loopback source address
 * @param patience              how long one mail may take before it counts as lost
 * @param hinted                the case with hints and open-loop arrivals
 * @param peerMails             mails measured through Postfix → LMTP → Dovecot → IMAP IDLE (after a tenth as many
 *                              warm-up mails); 0 leaves the peers out
 */
public record LatencyOptions(int terminals, int devicesPerUser, int mails, int warmup, int mailBytes, int connectionsPerAddress,
        Duration patience, Hinted hinted, int peerMails, Workspace workspace) {
    public LatencyOptions {
        if (terminals < devicesPerUser || devicesPerUser < 1) {
            throw new IllegalArgumentException("need at least one user's terminals: terminals " + terminals
                    + ", devices per user " + devicesPerUser);
        }
        if (mails < 1 || warmup < 0 || mailBytes < 200 || peerMails < 0) {
            throw new IllegalArgumentException("mails must be at least 1, warm-up at least 0, the size at least 200 bytes");
        }
    }

    /**
     * The case with hints: {@code terminals} terminals, {@code perUser} a user (one in use, hints to the
     * others), mails one at a time and then open-loop at {@code rate} mails a second; 0 terminals leaves it out.
     */
    public record Hinted(int terminals, int perUser, int rate) {
        public Hinted {
            if (terminals < 0 || perUser < 2 || rate < 1) {
                throw new IllegalArgumentException("hinted case: need terminals ≥ 0, at least 2 terminals a user and a rate ≥ 1;"
                        + " got " + terminals + ", " + perUser + ", " + rate);
            }
            // Each terminal acknowledges each of its user's mails, and the link lets a terminal send 20 messages a second.
            if (terminals > 0 && (double) rate / (terminals / perUser) > 10) {
                throw new IllegalArgumentException("hinted case: " + rate + " mails/s over " + (terminals / perUser)
                        + " users is over 10 a user a second, more than the link lets their terminals acknowledge");
            }
        }
    }

    int users() {
        return terminals / devicesPerUser;
    }
}
