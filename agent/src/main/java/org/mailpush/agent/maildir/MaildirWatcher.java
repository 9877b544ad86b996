package org.mailpush.agent.maildir;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when a mail client renames (flags, {@code new/} to {@code cur/}) or removes messages: it
 * watches {@code new/} and {@code cur/} and, once a burst of changes has been quiet for a moment,
 * tells its listener to look again. What changed is found by the listener's rescan, not from the
 * events, so a missed or merged event loses nothing.
 */
public final class MaildirWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaildirWatcher.class);

    private final WatchService watcher;
    private final Runnable changed;
    private final Duration quiet;
    private final Thread thread;

    private MaildirWatcher(WatchService watcher, Runnable changed, Duration quiet) {
        this.watcher = watcher;
        this.changed = changed;
        this.quiet = quiet;
        this.thread = Thread.ofPlatform().daemon().name("maildir-watcher").unstarted(this::run);
    }

    /** Starts watching the Maildir's {@code new/} and {@code cur/}. */
    public static MaildirWatcher start(Path maildir, Duration quiet, Runnable changed) throws IOException {
        WatchService watcher = FileSystems.getDefault().newWatchService();
        try {
            for (String sub : new String[] {"new", "cur"}) {
                maildir.resolve(sub).register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            }
        } catch (IOException e) {
            watcher.close();
            throw e;
        }
        MaildirWatcher started = new MaildirWatcher(watcher, changed, quiet);
        started.thread.start();
        return started;
    }

    private void run() {
        try {
            while (true) {
                drain(watcher.take());
                for (WatchKey more = watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS); more != null;
                        more = watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
                    drain(more);
                }
                changed.run();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.error("the Maildir watcher stopped", e);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        thread.interrupt();
    }
}
