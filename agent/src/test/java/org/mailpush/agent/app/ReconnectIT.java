package org.mailpush.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link survives what networks and servers do: resets, silent drops, restarts (SPEC X1, M8). */
class ReconnectIT {
    private static final Map<String, String> QUICK = Map.of("link.keepalive", "300ms");

    @TempDir
    Path dir;

    @Test
    void aCutConnectionIsOpenedAgainAndWhatCameMeanwhileArrives() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"));
                TcpProxy network = new TcpProxy(server.httpPort())) {
            server.addUser("alice", "correct horse");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), network.url(), server.enrol("alice", "laptop", "laptop"), QUICK)) {
                laptop.start();
                server.send("alice@example.com", "before");
                laptop.awaitMessages(1);

                network.cut();
                server.send("alice@example.com", "after the cut");

                assertThat(laptop.awaitMessages(2)).hasSize(2);
            }
        }
    }

    @Test
    void aSilentlyDeadNetworkIsNoticedByTheMissingPong() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"));
                TcpProxy network = new TcpProxy(server.httpPort())) {
            server.addUser("alice", "correct horse");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), network.url(), server.enrol("alice", "laptop", "laptop"), QUICK)) {
                laptop.start();
                server.send("alice@example.com", "before");
                laptop.awaitMessages(1);

                network.blackHole();
                server.send("alice@example.com", "into the black hole");
                network.heal();

                assertThat(laptop.awaitMessages(2)).hasSize(2);
                laptop.awaitAcknowledged(2);
            }
        }
    }
}
