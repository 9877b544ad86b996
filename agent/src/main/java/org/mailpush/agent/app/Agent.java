package org.mailpush.agent.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.mailpush.agent.command.ExternalCommand;
import org.mailpush.agent.config.AgentConfig;
import org.mailpush.agent.control.ControlClient;
import org.mailpush.agent.control.ControlServer;
import org.mailpush.agent.inbox.Inbox;
import org.mailpush.agent.link.Backoff;
import org.mailpush.agent.link.Hello;
import org.mailpush.agent.link.LinkClient;
import org.mailpush.agent.link.LinkListener;
import org.mailpush.agent.link.MailDownload;
import org.mailpush.agent.link.PolicyExchange;
import org.mailpush.agent.link.ServerAddress;
import org.mailpush.agent.maildir.Maildir;
import org.mailpush.agent.maildir.MaildirWatcher;
import org.mailpush.agent.sense.PowerMonitor;
import org.mailpush.agent.sense.Reporter;
import org.mailpush.agent.sense.Sensing;
import org.mailpush.agent.sense.Sensor;
import org.mailpush.agent.state.AgentState;
import org.mailpush.agent.state.Credentials;
import org.mailpush.agent.state.StateFile;
import org.mailpush.json.LinkJson;
import org.mailpush.policy.Policy;
import org.mailpush.presence.PowerState;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent (SPEC T1–T6, M7, X1, X7): the composition root. The link, the Maildir watcher,
 * the power monitor and the control socket hand their events to the agent's two threads — the inbox
 * thread for deliveries and Maildir changes, the sense thread for sensors, reports and probes.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration MAILDIR_QUIET = Duration.ofMillis(200);
    /** The name of the control socket in the state directory. */
    public static final String CONTROL_SOCKET = "control.sock";

    private final AgentThreads threads = new AgentThreads();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final LinkState linkState = new LinkState();
    private final AgentConfig config;
    private final ServerAddress server;
    private final Inbox inbox;
    private final Sensing sensing;
    private final Reporter reporter;
    private final PolicyExchange policies;
    private final LinkClient link;
    private volatile Optional<PowerMonitor> power = Optional.empty();
    /** Counts welcomed connections; deliveries of a connection on which one failed are not applied. */
    private final AtomicLong connection = new AtomicLong();
    private volatile long failedConnection = -1;

    private Agent(AgentConfig config, InstantSource clock) throws IOException {
        this.config = config;
        Credentials credentials = new Credentials(config.tokenFile(), config.stateDirectory());
        this.server = ServerAddress.checked(server(config, credentials), config.insecure());
        if (credentials.token().isEmpty()) {
            throw new IllegalStateException("no device token in " + config.tokenFile()
                    + ": run 'agent enrol', or put the token from './mailpush device add' there");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        Hello hello = () -> hello(credentials);
        Maildir maildir = new Maildir(config.maildir(), Host.name(), ProcessHandle.current().pid(), clock);
        this.inbox = new Inbox(new StateFile(config.stateDirectory()), maildir, Notifiers.of(config.notifications()),
                new MailDownload(server, hello, http), this::send);
        this.sensing = Sensors.of(config.sensing());
        this.reporter = new Reporter(sensing, Sensors.trigger(config.sensing()), clock, report -> send(new TerminalMessage.State(report)));
        this.policies = new PolicyExchange(this::send);
        this.link = new LinkClient(new LinkClient.Settings(server, new Backoff(config.link().reconnectMin(),
                config.link().reconnectMax()), config.link().keepalive()), hello, new Events(), http, RandomGenerator.getDefault());
        try {
            startAll(maildir);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts an agent; it runs until closed. */
    public static Agent start(AgentConfig config, InstantSource clock) throws IOException {
        return new Agent(config, clock);
    }

    private static URI server(AgentConfig config, Credentials credentials) throws IOException {
        Optional<URI> server = config.server().isPresent() ? config.server() : credentials.server();
        return server.orElseThrow(() -> new IllegalStateException("no server: set server.url in the configuration, or run 'agent enrol'"));
    }

    private TerminalMessage.Hello hello(Credentials credentials) throws IOException {
        String token = credentials.token().orElseThrow(() -> new IOException("the token file " + config.tokenFile() + " is empty"));
        return new TerminalMessage.Hello(LinkJson.VERSION, token, inbox.lastAck());
    }

    private boolean send(TerminalMessage message) {
        return link.send(message);
    }

    private void startAll(Maildir maildir) throws IOException {
        Path socket = config.stateDirectory().resolve(CONTROL_SOCKET);
        if (new ControlClient(socket).ask(JsonNodeFactory.instance.objectNode().put("request", "ping")).isPresent()) {
            throw new IllegalStateException("an agent is running already with the state in " + config.stateDirectory());
        }
        threads.inboxAndWait(inbox::open);
        LOG.info("agent: Maildir {}, state {}, last acknowledged seq {}", maildir.root(), config.stateDirectory(), inbox.lastAck());
        started.add(MaildirWatcher.start(maildir.root(), MAILDIR_QUIET, () -> threads.inbox(inbox::rescan)));
        config.sensing().power().ifPresent(settings -> {
            Duration timeout = config.sensing().commandTimeout();
            PowerMonitor monitor = new PowerMonitor(new ExternalCommand(settings.monitor(), timeout),
                    settings.inhibitor().map(command -> new ExternalCommand(command, timeout)), this::powerChanged);
            started.add(monitor);
            power = Optional.of(monitor);
            monitor.start();
        });
        link.start();
        threads.senseEvery(config.sensing().interval(), reporter::look);
        started.add(ControlServer.start(socket, new ControlRequests(new Control())));
        LOG.info("agent: sensors {}", sensing.sensors().stream().map(Sensor::name).toList());
    }

    /** What the link reports, handed to the inbox and sense threads. */
    private final class Events implements LinkListener {
        @Override
        public void welcomed(ServerMessage.Welcome welcome) {
            connection.incrementAndGet();
            // The first report goes out before any delivery is taken, so the server knows this terminal's state first.
            try {
                threads.senseAndWait(() -> {
                    reporter.connected(welcome.heartbeat());
                    return null;
                }, ControlRequests.ANSWER);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("sensing: the first report failed", e);
            }
            threads.inbox(inbox::rescan);
            linkState.up();
        }

        @Override
        public void received(ServerMessage message) {
            if (policies.received(message)) {
                return;
            }
            if (message instanceof ServerMessage.Probe probe) {
                threads.sense(() -> link.send(new TerminalMessage.ProbeReply(probe.probe(), reporter.probe())));
            } else if (message.sequence().isPresent()) {
                long current = connection.get();
                threads.inboxRaw(() -> deliver(message, current));
            }
        }

        @Override
        public void disconnected() {
            linkState.down();
            policies.disconnected();
        }
    }

    private void deliver(ServerMessage delivery, long onConnection) {
        if (onConnection == failedConnection) {
            return; // a later delivery must not acknowledge the one that failed: it comes again on the next connection
        }
        try {
            inbox.deliver(delivery);
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot keep delivery {}; it will come again", delivery.sequence().getAsLong(), e);
            failedConnection = onConnection;
            link.drop("a delivery could not be kept");
        }
    }

    /** Going to sleep or shutting down: report it and see it written before the monitor releases its lock. */
    private void powerChanged(PowerState state) {
        try {
            threads.senseAndWait(() -> {
                reporter.power(state);
                return null;
            }, Duration.ofSeconds(5));
            link.flush(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("power: could not report {}", state, e);
        }
        if (state == PowerState.ON) {
            link.reconnectNow(); // the connection rarely survives a sleep
        }
    }

    /** The running agent as the control socket sees it. */
    private final class Control implements ControlRequests.Running {
        @Override
        public String server() {
            return server.toString();
        }

        @Override
        public Path maildir() {
            return config.maildir();
        }

        @Override
        public boolean connected() {
            return link.connected();
        }

        @Override
        public AgentState state() {
            return inbox.state();
        }

        @Override
        public List<String> sensors() {
            List<String> names = new ArrayList<>(sensing.sensors().stream().map(Sensor::name).toList());
            power.filter(PowerMonitor::working).ifPresent(p -> names.add("power (logind sleep signals)"));
            return names;
        }

        @Override
        public ControlRequests.Sensed sense() throws Exception {
            return threads.senseAndWait(() -> new ControlRequests.Sensed(reporter.look(), reporter.lastSent(), reporter.heartbeat()),
                    ControlRequests.ANSWER);
        }

        @Override
        public CompletableFuture<Policy> policy(Optional<Policy> replacement) throws IOException, InterruptedException {
            linkState.await(ControlRequests.ANSWER, server);
            return replacement.isPresent() ? policies.set(replacement.get()) : policies.get();
        }
    }

    /** Whether the link is up and welcomed. */
    public boolean connected() {
        return link.connected();
    }

    /** What the inbox holds now. */
    public AgentState state() {
        return inbox.state();
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", started.get(i).getClass().getSimpleName(), e);
            }
        }
        if (link != null) {
            link.close();
        }
        threads.close();
    }
}
