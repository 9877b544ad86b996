package org.mailpush.bench.ingest;

import java.time.Duration;
import java.util.Set;
import org.mailpush.bench.host.Workspace;

/**
 * The sizes of an ingest run.
 *
 * @param clients        SMTP clients sending at once, one mail after another
 * @param duration       how long each server is measured
 * @param warmup         how long each server is loaded before it is measured
 * @param users          recipients (mailpush users, each with {@code devicesPerUser} terminals, none connected)
 * @param servers        the servers to measure
 * @param connections    how the clients connect: each server is measured once for each
 * @param postgres       the PostgreSQL to measure mailpush on
 */
public record IngestOptions(int clients, Duration duration, Duration warmup, int mailBytes, int users, int devicesPerUser,
        Set<Server> servers, Set<Connections> connections, Postgres postgres, Workspace workspace) {
    public IngestOptions {
        if (clients < 1 || users < 1 || devicesPerUser < 0 || mailBytes < 200) {
            throw new IllegalArgumentException("need at least one client and one user, and mails of at least 200 bytes");
        }
        servers = Set.copyOf(servers);
        connections = Set.copyOf(connections);
        if (servers.isEmpty() || connections.isEmpty()) {
            throw new IllegalArgumentException("need at least one server and one way to connect");
        }
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
        GREENMAIL,
        /** Postfix, delivering over LMTP to Dovecot (the peers, {@link org.mailpush.bench.peers.PeerServers}). */
        POSTFIX
    }

    /** How each SMTP client connects. */
    public enum Connections {
        /** One connection per client, kept for all its mails (EHLO once). */
        PERSISTENT("persistent"),
        /** A new connection for each mail: connect, EHLO, the mail, QUIT — as Postfix's smtp-source does by default. */
        PER_MAIL("per-mail");

        private final String option;

        Connections(String option) {
            this.option = option;
        }

        /** Its name on the command line. */
        public String option() {
            return option;
        }

        /** The one named {@code option} on the command line. */
        public static Connections of(String option) {
            for (Connections c : values()) {
                if (c.option.equalsIgnoreCase(option)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("no way to connect '" + option + "': persistent or per-mail");
        }
    }

    /** Where a PostgreSQL is; the run makes a schema of its own there and drops it afterwards. */
    public record Postgres(String url, String user, String password) {}
}
