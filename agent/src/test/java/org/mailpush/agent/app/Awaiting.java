package org.mailpush.agent.app;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Waits for something in directories to become true, woken by file system events, never by sleeping. */
final class Awaiting {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    /** Something to check again whenever the directories change. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws IOException;
    }

    private Awaiting() {}

    static void until(String what, Check check, Path... directories) throws IOException, InterruptedException {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            for (Path directory : directories) {
                directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            }
            Instant deadline = Instant.now().plus(PATIENCE);
            while (!check.holds()) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
                }
                WatchKey key = watcher.poll(left, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }
}
