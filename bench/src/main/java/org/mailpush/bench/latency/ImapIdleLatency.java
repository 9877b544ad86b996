package org.mailpush.bench.latency;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.load.ImapIdleClient;
import org.mailpush.bench.load.Latencies;
import org.mailpush.bench.load.SmtpClient;
import org.mailpush.bench.load.TestMail;
import org.mailpush.bench.peers.PeerServers;

/**
 * The classic way to push mail, timed the same way: each mail sent over SMTP to GreenMail (or to
 * Postfix, which hands it over LMTP to Dovecot), an IMAP client waiting in IDLE on the mailbox, which
 * hears of it ({@code EXISTS}), fetches it, and (untimed) deletes it, as a client does with mail it
 * has dealt with.
 */
final class ImapIdleLatency {
    private static final String USER = "bench@bench.example";

    /**
     * Timed from the 250: until the announcement, and until the mail is fetched; and the fetch from the
     * end of the data. {@code unannounced} counts the mails IDLE never announced (see {@link #run()}).
     */
    record Figures(Latencies announced, Latencies fetched, Latencies fetchedFromData, int unannounced) {}

    /** How long a mail may go unannounced before the client ends the IDLE to look. */
    private static final Duration ANNOUNCEMENT_PATIENCE = Duration.ofSeconds(2);

    private final LatencyOptions options;

    ImapIdleLatency(LatencyOptions options) {
        this.options = options;
    }

    /**
     * GreenMail answers IDLE with its continuation before it starts listening to the mailbox, so a
     * mail that arrives right after the continuation is not announced until the IDLE ends. A real
     * client would learn of it at its next IDLE renewal; here a short pause after the continuation
     * makes this rare, and a mail still not announced after two seconds is fetched anyway and
     * counted, not timed.
     */
    Figures run() throws InterruptedException {
        try (HostProcess host = options.workspace().start("latency-greenmail", "greenmail", List.of("secret", USER))) {
            return measure(host.port("smtp"), host.port("imap"), "secret", options.warmup(), options.mails(), ANNOUNCEMENT_PATIENCE);
        }
    }

    /**
     * The same with Postfix and Dovecot ({@code peers}), whose delivery is slower: {@code mails} of them.
     * Dovecot has no such race; a mail counts as unannounced only after the run's patience.
     */
    Figures run(PeerServers peers, int warmup, int mails) throws InterruptedException {
        return measure(peers.smtpPort(), peers.imapPort(), PeerServers.PASSWORD, warmup, mails, options.patience());
    }

    private Figures measure(int smtpPort, int imapPort, String password, int warmup, int mails, Duration announcement)
            throws InterruptedException {
        var announced = new Latencies();
        var fetched = new Latencies();
        var fetchedFromData = new Latencies();
        int unannounced = 0;
        try (var imap = new ImapIdleClient(imapPort, USER, password, options.patience());
                var smtp = new SmtpClient(smtpPort)) {
            for (int i = 0; i < warmup + mails; i++) {
                imap.idle();
                Thread.sleep(5);
                var sent = smtp.send("sender@bench.example", USER, TestMail.of("sender@bench.example", USER, "idle " + i,
                        options.mailBytes()));
                OptionalLong exists = imap.awaitNewMessage(announcement);
                long body = imap.fetchNewest();
                imap.deleteNewest();
                if (exists.isEmpty()) {
                    unannounced++;
                } else if (i >= warmup) {
                    announced.add(exists.getAsLong() - sent.accepted());
                    fetched.add(body - sent.accepted());
                    fetchedFromData.add(body - sent.dataEnd());
                }
            }
        }
        return new Figures(announced, fetched, fetchedFromData, unannounced);
    }
}
