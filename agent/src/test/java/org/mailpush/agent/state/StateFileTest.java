package org.mailpush.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest implements StateStoreContract {
    @TempDir
    Path directory;

    @Override
    public StateStore store() {
        return new StateFile(directory.resolve("state"));
    }

    @Override
    public StateStore reopened() {
        return new StateFile(directory.resolve("state"));
    }

    @Test
    void theStateIsPrivateAndLeavesNoTemporaryFile() throws Exception {
        store().save(AgentState.EMPTY.withLastAck(3));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("state")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("state/state.json")))).isEqualTo("rw-------");
        try (var files = Files.list(directory.resolve("state"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
    }

    @Test
    void aDamagedFileIsAnErrorNotAFreshStart() throws Exception {
        Files.createDirectories(directory.resolve("state"));
        Files.writeString(directory.resolve("state/state.json"), "{\"version\": 1, \"mails\": [{\"mail\": -1}]}");

        assertThatThrownBy(() -> store().load()).isInstanceOf(IOException.class).hasMessageContaining("is damaged");
    }

    @Test
    void credentialsKeepTheTokenPrivately() throws Exception {
        var credentials = new Credentials(directory.resolve("state/token"), directory.resolve("state"));
        assertThat(credentials.token()).isEmpty();

        credentials.enrolled(java.net.URI.create("http://127.0.0.1:8025"), "alice", "laptop", "s3cret");

        assertThat(credentials.token()).contains("s3cret");
        assertThat(credentials.server()).contains(java.net.URI.create("http://127.0.0.1:8025"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("state/token")))).isEqualTo("rw-------");
    }
}
