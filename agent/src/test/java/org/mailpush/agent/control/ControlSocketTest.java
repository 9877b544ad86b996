package org.mailpush.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRequestLineGetsAnAnswerLine() throws Exception {
        Path socket = dir.resolve("control.sock");
        try (var server = ControlServer.start(socket, request -> JSON.createObjectNode().put("echo", request.path("request").asText()))) {
            var answer = new ControlClient(socket).ask(JSON.createObjectNode().put("request", "status")).orElseThrow();

            assertThat(answer.path("ok").asBoolean()).isTrue();
            assertThat(answer.path("echo").asText()).isEqualTo("status");
        }
    }

    @Test
    void aFailingRequestIsAnErrorWithItsMessage() throws Exception {
        Path socket = dir.resolve("control.sock");
        try (var server = ControlServer.start(socket, request -> {
            throw new IOException("not connected to the server");
        })) {
            assertThatThrownBy(() -> new ControlClient(socket).ask(JSON.createObjectNode().put("request", "policy.get")))
                    .isInstanceOf(IOException.class).hasMessage("not connected to the server");
        }
    }

    @Test
    void withoutARunningAgentThereIsNoAnswer() throws Exception {
        Path socket = dir.resolve("control.sock");
        assertThat(new ControlClient(socket).ask(JSON.createObjectNode())).isEmpty();

        ControlServer.start(socket, request -> JSON.createObjectNode()).close();
        assertThat(new ControlClient(socket).ask(JSON.createObjectNode())).isEmpty();
    }

    @Test
    void aSecondAgentOnTheSameStateIsRefusedButAStaleSocketIsNot() throws Exception {
        Path socket = dir.resolve("control.sock");
        try (var first = ControlServer.start(socket, request -> JSON.createObjectNode())) {
            assertThatThrownBy(() -> ControlServer.start(socket, request -> JSON.createObjectNode()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("running already");
        }
        java.nio.file.Files.createFile(socket);
        ControlServer.start(socket, request -> JSON.createObjectNode()).close();
    }
}
