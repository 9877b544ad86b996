package org.mailpush.cli;

import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mailpush.app.MailpushServer;
import org.mailpush.app.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailpush serve}: runs the server until it is stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the mailpush server: SMTP receiver, terminal link, HTTP API.",
            "With no settings it keeps its H2 database in ./data, takes mail over SMTP on 127.0.0.1:2525",
            "and serves HTTP on 127.0.0.1:8025. docs/configuration.md lists every setting.",
            "As one node of a cluster (docs/cluster.md): -s cluster.nats-url=nats://HOST:4222 -s cluster.node-id=NAME",
            "with database.url on PostgreSQL; cluster.sweep, cluster.claim-lease and cluster.terminal-lease tune it.",
        })
final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions options;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = options.config();
        CountDownLatch stopped = new CountDownLatch(1);
        MailpushServer server = MailpushServer.start(config, InstantSource.system());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mailpush-shutdown"));
        var out = spec.commandLine().getOut();
        out.printf("mailpush is running%n");
        out.printf("  SMTP  %s:%d (mail for the users' addresses)%n", config.smtp().bindAddress().getHostAddress(), server.smtpPort());
        out.printf("  HTTP  %s (web app at %s, API, terminal link at /api/link)%n", server.httpAddress(), server.httpAddress().resolve("/index.html"));
        out.printf("  data  %s (admin token in %s)%n", config.dataDirectory(), config.dataDirectory().resolve("admin-token"));
        config.cluster().ifPresent(cluster -> out.printf("  node  %s of the cluster signalling through %s%n", cluster.node(), cluster.nats()));
        out.flush();
        stopped.await();
        return 0;
    }
}
