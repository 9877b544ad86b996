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
 * @param peerMails             mails measured through Postfix → LMTP → Dovecot → IMAP IDLE (after a tenth as many
 *                              warm-up mails); 0 leaves the peers out
 */
public record LatencyOptions(int terminals, int devicesPerUser, int mails, int warmup, int mailBytes, int connectionsPerAddress,
        Duration patience, int peerMails, Workspace workspace) {
    public LatencyOptions {
        if (terminals < devicesPerUser || devicesPerUser < 1) {
            throw new IllegalArgumentException("need at least one user's terminals: terminals " + terminals
                    + ", devices per user " + devicesPerUser);
        }
        if (mails < 1 || warmup < 0 || mailBytes < 200 || peerMails < 0) {
            throw new IllegalArgumentException("mails must be at least 1, warm-up at least 0, the size at least 200 bytes");
        }
    }

    int users() {
        return terminals / devicesPerUser;
    }
}
