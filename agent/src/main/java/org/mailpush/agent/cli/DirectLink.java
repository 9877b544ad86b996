package org.mailpush.agent.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.mailpush.agent.config.AgentConfig;
import org.mailpush.agent.link.Backoff;
import org.mailpush.agent.link.LinkClient;
import org.mailpush.agent.link.LinkListener;
import org.mailpush.agent.link.PolicyExchange;
import org.mailpush.agent.link.ServerAddress;
import org.mailpush.agent.state.Credentials;
import org.mailpush.agent.state.StateFile;
import org.mailpush.json.LinkJson;
import org.mailpush.policy.Policy;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

/**
 * A short connection of this terminal for one policy request, when no agent is running. It
 * processes and acknowledges nothing: what the server delivers meanwhile stays for the agent.
 */
final class DirectLink implements LinkListener {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private PolicyExchange exchange;

    private DirectLink() {}

    /** Connects as this terminal, makes the request, and closes the connection again. */
    static Policy exchange(AgentConfig config, Function<PolicyExchange, CompletableFuture<Policy>> request) throws IOException {
        Credentials credentials = new Credentials(config.tokenFile(), config.stateDirectory());
        Optional<URI> configured = config.server().isPresent() ? config.server() : credentials.server();
        URI server = configured.orElseThrow(() -> new IllegalStateException("no server: set server.url, or run 'agent enrol'"));
        String token = credentials.token().orElseThrow(() -> new IllegalStateException("no device token in "
                + config.tokenFile() + ": run 'agent enrol'"));
        long lastAck = new StateFile(config.stateDirectory()).load().lastAck();
        DirectLink listener = new DirectLink();
        LinkClient link = new LinkClient(new LinkClient.Settings(ServerAddress.checked(server, config.insecure()),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)), PATIENCE),
                () -> new TerminalMessage.Hello(LinkJson.VERSION, token, lastAck), listener, HttpClient.newHttpClient(),
                RandomGenerator.getDefault());
        listener.exchange = new PolicyExchange(link::send);
        try (link) {
            link.start();
            listener.welcomed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return request.apply(listener.exchange).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + server + " within " + PATIENCE.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void welcomed(ServerMessage.Welcome welcome) {
        welcomed.complete(null);
    }

    @Override
    public void received(ServerMessage message) {
        exchange.received(message);
    }

    @Override
    public void disconnected() {
        exchange.disconnected();
    }
}
