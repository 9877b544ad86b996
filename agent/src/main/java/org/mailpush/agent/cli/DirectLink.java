package org.mailpush.agent.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
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
final class DirectLink {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private DirectLink() {}

    static Policy exchange(AgentConfig config, Function<PolicyExchange, CompletableFuture<Policy>> request) throws IOException {
        Credentials credentials = new Credentials(config.tokenFile(), config.stateDirectory());
        URI server = config.server().or(() -> {
            try {
                return credentials.server();
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        }).orElseThrow(() -> new IllegalStateException("no server: set server.url, or run 'agent enrol'"));
        String token = credentials.token().orElseThrow(() -> new IllegalStateException("no device token in "
                + config.tokenFile() + ": run 'agent enrol'"));
        long lastAck = new StateFile(config.stateDirectory()).load().lastAck();
        CompletableFuture<Void> welcomed = new CompletableFuture<>();
        PolicyExchange[] exchange = new PolicyExchange[1];
        LinkClient link = new LinkClient(new LinkClient.Settings(new ServerAddress(server),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)), PATIENCE),
                () -> new TerminalMessage.Hello(LinkJson.VERSION, token, lastAck), new LinkListener() {
                    @Override
                    public void welcomed(ServerMessage.Welcome welcome) {
                        welcomed.complete(null);
                    }

                    @Override
                    public void received(ServerMessage message) {
                        exchange[0].received(message);
                    }

                    @Override
                    public void disconnected() {
                        exchange[0].disconnected();
                    }
                }, HttpClient.newHttpClient(), RandomGenerator.getDefault());
        exchange[0] = new PolicyExchange(link::send);
        try (link) {
            link.start();
            welcomed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return request.apply(exchange[0]).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + server + " within " + PATIENCE.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }
}
