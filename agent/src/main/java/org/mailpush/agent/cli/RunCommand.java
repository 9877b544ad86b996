package org.mailpush.agent.cli;

import java.io.IOException;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mailpush.agent.app.Agent;
import org.mailpush.agent.config.AgentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mailpush agent run}: runs the agent until it is stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the agent until it is stopped (Ctrl-C, SIGTERM).",
            "It holds the link to the server, writes pushed mail into the Maildir,",
            "reports this machine's use and syncs flags both ways."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions options;

    @Override
    public Integer call() throws IOException, InterruptedException {
        AgentConfig config = options.config();
        CountDownLatch stopped = new CountDownLatch(1);
        Agent agent = Agent.start(config, InstantSource.system());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "agent-shutdown"));
        stopped.await();
        return 0;
    }
}
