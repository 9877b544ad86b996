package org.mailpush.agent.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.mailpush.agent.state.MailRecord;
import org.mailpush.agent.state.StateFile;
import org.mailpush.json.LinkJson;
import org.mailpush.json.PolicyJson;
import org.mailpush.json.ReportJson;
import org.mailpush.policy.Policy;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent (SPEC T1–T6, M7, X1, X7): the composition root. The inbox thread applies
 * deliveries and Maildir changes; the sense thread reads sensors, reports and answers probes; the
 * link, the Maildir watcher, the power monitor and the control socket hand their events to those two.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final Duration MAILDIR_QUIET = Duration.ofMillis(200);
    /** The name of the control socket in the state directory. */
    public static final String CONTROL_SOCKET = "control.sock";

    private final ExecutorService inboxThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("inbox").factory());
    private final ScheduledExecutorService senseThread =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sense").factory());
    private final List<AutoCloseable> started = new ArrayList<>();
    private final AgentConfig config;
    private final ServerAddress server;
    private final Inbox inbox;
    private final Sensing sensing;
    private final Reporter reporter;
    private final LinkClient link;
    private final PolicyExchange policies;
    private volatile Optional<PowerMonitor> power = Optional.empty();
    /** Counts welcomed connections; deliveries of a connection on which one failed are not applied. */
    private final AtomicLong connection = new AtomicLong();
    private volatile long failedConnection = -1;
    /** Guards {@link #linkUp}; waited on by control requests that need the server. */
    private final Object linkState = new Object();
    private boolean linkUp;

    private Agent(AgentConfig config, InstantSource clock) throws IOException {
        this.config = config;
        Credentials credentials = new Credentials(config.tokenFile(), config.stateDirectory());
        this.server = new ServerAddress(config.server().or(() -> uncheckedServer(credentials)).orElseThrow(() ->
                new IllegalStateException("no server: set server.url in the configuration, or run 'agent enrol'")));
        if (credentials.token().isEmpty()) {
            throw new IllegalStateException("no device token in " + config.tokenFile()
                    + ": run 'agent enrol', or put the token from './mailpush device add' there");
        }
        Path socket = config.stateDirectory().resolve(CONTROL_SOCKET);
        if (new ControlClient(socket).ask(JsonNodeFactory.instance.objectNode().put("request", "ping")).isPresent()) {
            throw new IllegalStateException("an agent is running already with the state in " + config.stateDirectory());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        Hello hello = () -> hello(credentials);
        Maildir maildir = new Maildir(config.maildir(), Host.name(), ProcessHandle.current().pid(), clock);
        this.inbox = new Inbox(new StateFile(config.stateDirectory()), maildir, Notifiers.of(config.notifications()),
                new MailDownload(server, hello, http), this::send);
        this.sensing = Sensors.of(config.sensing());
        this.reporter = new Reporter(sensing, Sensors.trigger(config.sensing()), clock,
                report -> send(new TerminalMessage.State(report)));
        this.policies = new PolicyExchange(this::send);
        this.link = new LinkClient(new LinkClient.Settings(server, new Backoff(config.link().reconnectMin(),
                config.link().reconnectMax()), config.link().keepalive()), hello, new Events(), http, RandomGenerator.getDefault());
        try {
            startAll(maildir, socket);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private TerminalMessage.Hello hello(Credentials credentials) throws IOException {
        String token = credentials.token().orElseThrow(() -> new IOException("the token file " + config.tokenFile() + " is empty"));
        return new TerminalMessage.Hello(LinkJson.VERSION, token, inbox.lastAck());
    }

    private boolean send(TerminalMessage message) {
        return link.send(message);
    }

    /** Starts an agent; it runs until closed. */
    public static Agent start(AgentConfig config, InstantSource clock) throws IOException {
        return new Agent(config, clock);
    }

    private void startAll(Maildir maildir, Path socket) throws IOException {
        onInboxAndWait(inbox::open);
        LOG.info("agent: Maildir {}, state {}, last acknowledged seq {}", maildir.root(), config.stateDirectory(), inbox.lastAck());
        started.add(MaildirWatcher.start(maildir.root(), MAILDIR_QUIET, () -> onInbox(inbox::rescan)));
        config.sensing().power().ifPresent(power -> {
            PowerMonitor monitor = new PowerMonitor(new ExternalCommand(power.monitor(), config.sensing().commandTimeout()),
                    power.inhibitor().map(command -> new ExternalCommand(command, config.sensing().commandTimeout())),
                    this::powerChanged);
            started.add(monitor);
            this.power = Optional.of(monitor);
            monitor.start();
        });
        link.start();
        long every = config.sensing().interval().toMillis();
        senseThread.scheduleWithFixedDelay(guarded(reporter::look), every, every, TimeUnit.MILLISECONDS);
        started.add(ControlServer.start(socket, this::control));
        LOG.info("agent: sensors {}", sensing.sensors().stream().map(Sensor::name).toList());
    }

    /** What the link reports, handed to the inbox and sense threads. */
    private final class Events implements LinkListener {
        @Override
        public void welcomed(ServerMessage.Welcome welcome) {
            connection.incrementAndGet();
            // The first report goes out before any delivery is taken, so the server knows this terminal's state first.
            try {
                senseThread.submit(guarded(() -> reporter.connected(welcome.heartbeat()))).get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("sensing: the first report took too long", e);
            }
            onInbox(inbox::rescan);
            synchronized (linkState) {
                linkUp = true;
                linkState.notifyAll();
            }
        }

        @Override
        public void received(ServerMessage message) {
            if (policies.received(message)) {
                return;
            }
            if (message instanceof ServerMessage.Probe probe) {
                senseThread.execute(guarded(() -> link.send(new TerminalMessage.ProbeReply(probe.probe(), reporter.probe()))));
            } else if (message.sequence().isPresent()) {
                long current = connection.get();
                inboxThread.execute(() -> deliver(message, current));
            }
        }

        @Override
        public void disconnected() {
            synchronized (linkState) {
                linkUp = false;
            }
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

    /** Going to sleep or shutting down: report it and see it written before the lock is released. */
    private void powerChanged(PowerState state) {
        try {
            senseThread.submit(() -> reporter.power(state)).get(5, TimeUnit.SECONDS);
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

    private ObjectNode control(JsonNode request) throws Exception {
        return switch (request.path("request").asText()) {
            case "ping" -> JsonNodeFactory.instance.objectNode();
            case "status" -> status();
            case "policy.get" -> {
                awaitLink();
                yield policyAnswer(policies.get());
            }
            case "policy.set" -> {
                Policy policy = PolicyJson.read(request.get("policy"), "policy");
                awaitLink();
                yield policyAnswer(policies.set(policy));
            }
            default -> throw new IllegalArgumentException("unknown request '" + request.path("request").asText() + "'");
        };
    }

    /** Waits for the link, which a freshly started agent may not have yet. */
    private void awaitLink() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ANSWER.toNanos();
        synchronized (linkState) {
            while (!linkUp) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IOException("not connected to " + server + " (the agent keeps trying)");
                }
                linkState.wait(left);
            }
        }
    }

    private static ObjectNode policyAnswer(CompletableFuture<Policy> answer) throws Exception {
        try {
            Policy policy = answer.get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.set("policy", PolicyJson.write(policy));
            return json;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new IOException("the server did not answer within " + ANSWER.toSeconds() + " s");
        }
    }

    /** What {@code agent status} shows of the running agent. */
    ObjectNode status() throws Exception {
        AgentState state = inbox.state();
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("server", server.toString()).put("connected", link.connected()).put("lastAck", state.lastAck())
                .put("maildir", config.maildir().toString())
                .put("stored", state.count(MailRecord.Status.STORED)).put("deleted", state.count(MailRecord.Status.DELETED));
        var sensors = json.putArray("sensors");
        sensing.sensors().forEach(sensor -> sensors.add(sensor.name()));
        power.filter(PowerMonitor::working).ifPresent(p -> sensors.add("power (logind sleep signals)"));
        // Status reads the sensors now — and reports, if what they say is worth it — so it shows what they sense.
        UsageReport now = senseThread.submit(reporter::look).get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        json.set("sensed", ReportJson.write(now));
        senseThread.submit(reporter::lastSent).get(ANSWER.toMillis(), TimeUnit.MILLISECONDS)
                .ifPresent(report -> json.set("lastReport", ReportJson.write(report)));
        json.put("heartbeat", senseThread.submit(reporter::heartbeat).get(5, TimeUnit.SECONDS).toString());
        return json;
    }

    /** Whether the link is up and welcomed. */
    public boolean connected() {
        return link.connected();
    }

    /** What the inbox holds now. */
    public AgentState state() {
        return inbox.state();
    }

    private interface InboxTask {
        void run() throws IOException;
    }

    private void onInbox(InboxTask task) {
        inboxThread.execute(() -> {
            try {
                task.run();
            } catch (IOException | RuntimeException e) {
                LOG.error("inbox: {}", e.getMessage(), e);
            }
        });
    }

    private void onInboxAndWait(InboxTask task) throws IOException {
        try {
            inboxThread.submit(() -> {
                task.run();
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("sensing: {}", e.getMessage(), e);
            }
        };
    }

    private static Optional<java.net.URI> uncheckedServer(Credentials credentials) {
        try {
            return credentials.server();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
        senseThread.shutdownNow();
        inboxThread.shutdown();
        try {
            if (!inboxThread.awaitTermination(10, TimeUnit.SECONDS)) {
                inboxThread.shutdownNow();
            }
            senseThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
