package org.mailpush.bench.latency;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.load.ImapIdleClient;
import org.mailpush.bench.load.Latencies;
import org.mailpush.bench.load.SmtpClient;
import org.mailpush.bench.load.TestMail;

/**
 * The classic way to push mail, timed the same way: each mail sent over SMTP to GreenMail, an IMAP
 * client waiting in IDLE on the mailbox, which hears of it ({@code EXISTS}), fetches it, and (untimed)
 * deletes it, as a client does with mail it has dealt with.
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
        var announced = new Latencies();
        var fetched = new Latencies();
        var fetchedFromData = new Latencies();
        int unannounced = 0;
        try (HostProcess host = options.workspace().start("latency-greenmail", "greenmail", List.of("secret", USER));
                var imap = new ImapIdleClient(host.port("imap"), USER, "secret", options.patience());
                var smtp = new SmtpClient(host.port("smtp"))) {
            for (int i = 0; i < options.warmup() + options.mails(); i++) {
                imap.idle();
                Thread.sleep(5);
                var sent = smtp.send("sender@bench.example", USER, TestMail.of("sender@bench.example", USER, "idle " + i,
                        options.mailBytes()));
                OptionalLong exists = imap.awaitNewMessage(ANNOUNCEMENT_PATIENCE);
                long body = imap.fetchNewest();
                imap.deleteNewest();
                if (exists.isEmpty()) {
                    unannounced++;
                } else if (i >= options.warmup()) {
                    announced.add(exists.getAsLong() - sent.accepted());
                    fetched.add(body - sent.accepted());
                    fetchedFromData.add(body - sent.dataEnd());
                }
            }
        }
        return new Figures(announced, fetched, fetchedFromData, unannounced);
    }
}
