package org.mailpush.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailpush.bench.latency.LatencyBenchmark;
import org.mailpush.bench.latency.LatencyOptions;
import org.mailpush.bench.report.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "latency",
        description = {"End-to-end push latency, SMTP 250 to terminal, next to IMAP IDLE and a bare WebSocket echo.",
            "",
            "N terminals are connected over WebSocket; mails are sent over SMTP one at a time to random users, each",
            "timed from its 250 to the chosen terminal receiving it, in heartbeat and then probe mode. The same mails",
            "go through GreenMail to an IMAP client waiting in IDLE and, with --peers, through Postfix, which hands them",
            "over LMTP to Dovecot, to one waiting there; the floor is a bare WebSocket echo round trip.",
            "Then the case with hints, timed by a client of its own (plain sockets, its own WebSocket framing and JSON):",
            "5 terminals a user, one in use, hints to the others; mails one at a time, then open-loop at --rate mails/s",
            "timed from when each was due; the server's DEBUG log gives each mail's stages (store, queue, plan, keep, push)."})
final class LatencyCommand implements Callable<Integer> {
    @Option(names = "--terminals", paramLabel = "N", defaultValue = "10000", description = "Terminals connected (default: ${DEFAULT-VALUE}).")
    int terminals;

    @Option(names = "--devices-per-user", paramLabel = "N", defaultValue = "2", description = "Terminals per user (default: ${DEFAULT-VALUE}).")
    int devicesPerUser;

    @Option(names = "--mails", paramLabel = "N", defaultValue = "2000", description = "Mails measured per way (default: ${DEFAULT-VALUE}).")
    int mails;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "300", description = "Mails sent first, not measured, per way (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--mail-size", paramLabel = "N", defaultValue = "2048", description = "Bytes per mail (default: ${DEFAULT-VALUE}).")
    int mailSize;

    @Option(names = "--connections-per-address", paramLabel = "N", defaultValue = "25000",
            description = "Terminals per loopback source address, 127.0.0.1, 127.0.0.2, … (default: ${DEFAULT-VALUE}).")
    int connectionsPerAddress;

    @Option(names = "--hinted-terminals", paramLabel = "N", defaultValue = "10000",
            description = "Terminals of the case with hints: policy \"in use\", hints to the others; 0 leaves it out (default: ${DEFAULT-VALUE}).")
    int hintedTerminals;

    @Option(names = "--hinted-per-user", paramLabel = "N", defaultValue = "5",
            description = "Terminals per user in the case with hints (default: ${DEFAULT-VALUE}).")
    int hintedPerUser;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "80",
            description = "Mails a second sent on a schedule in the open-loop half of the case with hints (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--peers", description = "Measure Postfix → LMTP → Dovecot → IMAP IDLE too, in a private configuration on loopback"
            + " (installs the Debian packages postfix, dovecot-imapd and dovecot-lmtpd when missing; needs root).")
    boolean peers;

    @Option(names = "--peer-mails", paramLabel = "N", defaultValue = "200",
            description = "Mails measured through the peers, after a tenth as many warm-up mails (default: ${DEFAULT-VALUE}).")
    int peerMails;

    @Mixin
    RunOptions run;

    Result measure() throws InterruptedException {
        return run.measure("latency", workspace -> LatencyBenchmark.run(new LatencyOptions(terminals, devicesPerUser, mails, warmup,
                mailSize, connectionsPerAddress, Duration.ofSeconds(30), new LatencyOptions.Hinted(hintedTerminals, hintedPerUser, rate), peers ? peerMails : 0, workspace)));
    }

    @Override
    public Integer call() throws InterruptedException {
        run.report(List.of(measure()));
        return 0;
    }
}
