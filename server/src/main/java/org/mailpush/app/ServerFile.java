package org.mailpush.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.mailpush.json.StrictJson;

/**
 * {@code server.json} in the data directory: which process serves it and where its HTTP API listens,
 * so that the command line talks to a running server instead of opening its database.
 */
public record ServerFile(long pid, URI http) {
    public static final String FILE_NAME = "server.json";
    private static final ObjectMapper JSON = StrictJson.reader();

    /** Writes the file atomically. */
    public void write(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        Path temporary = dataDirectory.resolve(FILE_NAME + ".tmp");
        var json = JSON.createObjectNode().put("pid", pid).put("http", http.toString());
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(DataDirectory.FILE));
        }
        Files.write(temporary, JSON.writeValueAsBytes(json));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The server serving this data directory, if its file is there and its process is alive. */
    public static Optional<ServerFile> running(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            JsonNode json = JSON.readTree(Files.readAllBytes(file));
            var server = new ServerFile(json.path("pid").asLong(), URI.create(json.path("http").asText()));
            return ProcessHandle.of(server.pid()).filter(ProcessHandle::isAlive).map(p -> server);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Removes the file if it is this process's. */
    public void remove(Path dataDirectory) {
        running(dataDirectory).filter(this::equals).ifPresent(mine -> {
            try {
                Files.deleteIfExists(dataDirectory.resolve(FILE_NAME));
            } catch (IOException e) {
                // a stale file names a dead process and is ignored by running()
            }
        });
    }
}
