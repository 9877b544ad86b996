package org.mailpush.bench.ingest;

import java.time.Duration;
import java.util.Set;
import org.mailpush.bench.host.Workspace;

/**
 * The sizes of an ingest run.
 *
 * @param clients        SMTP clients sending at once, each on one connection, one mail after another
 * @param duration       how long each server is measured
 * @param warmup         how long each server is loaded before it is measured
 * @param users          recipients (mailpush users, each with {@code devicesPerUser} terminals, none connected)
 * @param servers        the servers to measure
 * @param postgres       the PostgreSQL to measure mailpush on
 */
public record IngestOptions(int clients, Duration duration, Duration warmup, int mailBytes, int users, int devicesPerUser,
        Set<Server> servers, Postgres postgres, Workspace workspace) {
    public IngestOptions {
        if (clients < 1 || users < 1 || devicesPerUser < 0 || mailBytes < 200) {
            throw new IllegalArgumentException("need at least one client and one user, and mails of at least 200 bytes");
        }
        servers = Set.copyOf(servers);
        if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("the duration must be positive and the warm-up not negative");
        }
    }

    /** The servers the load is sent to. */
    public enum Server {
        /** mailpush on its embedded H2 file database. */
        H2,
        /** mailpush on PostgreSQL. */
        POSTGRES,
        /** GreenMail, which keeps mail in memory. */
        GREENMAIL
    }

    /** Where a PostgreSQL is; the run makes a schema of its own there and drops it afterwards. */
    public record Postgres(String url, String user, String password) {}
}
