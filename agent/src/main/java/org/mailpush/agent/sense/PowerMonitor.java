package org.mailpush.agent.sense;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailpush.agent.command.ExternalCommand;
import org.mailpush.presence.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The power sensor (SPEC T2: power state is always part of the report): follows logind's {@code
 * PrepareForSleep} and {@code PrepareForShutdown} signals as printed by {@code gdbus monitor --system
 * --dest org.freedesktop.login1}, and tells its listener "asleep" before the machine sleeps, "on"
 * when it wakes and "off" before it shuts down.
 *
 * <p>So that the "asleep" report leaves before the network goes down, the monitor may hold a logind
 * <em>delay</em> lock while the machine is awake — a {@code systemd-inhibit --mode=delay … cat}
 * process whose lock lasts as long as it runs — and ends it once the listener has reported.
 */
public final class PowerMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PowerMonitor.class);
    private static final Pattern SIGNAL = Pattern.compile("\\.(PrepareForSleep|PrepareForShutdown) \\((true|false),?\\)");
    private static final Duration RESTART_AFTER = Duration.ofSeconds(10);

    /** Told of each change; it returns once the change has been reported (or could not be). */
    @FunctionalInterface
    public interface Listener {
        void power(PowerState state);
    }

    private final ExternalCommand monitor;
    private final Optional<ExternalCommand> inhibitor;
    private final Listener listener;
    private volatile boolean closed;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean unavailable;
    private volatile Process running;
    private volatile Process lock;
    private Thread thread;

    public PowerMonitor(ExternalCommand monitor, Optional<ExternalCommand> inhibitor, Listener listener) {
        this.monitor = monitor;
        this.inhibitor = inhibitor;
        this.listener = listener;
    }

    public void start() {
        thread = Thread.ofVirtual().name("power-monitor").start(this::run);
    }

    private void run() {
        takeLock();
        while (!closed) {
            Instant started = Instant.now();
            boolean heardAnything = follow();
            if (closed) {
                return;
            }
            boolean brief = Duration.between(started, Instant.now()).compareTo(RESTART_AFTER) < 0;
            if (!heardAnything && brief) {
                LOG.info("power sensor: '{}' is not available here; sleep and wake are not reported", monitor);
                unavailable = true;
                releaseLock();
                return;
            }
            LOG.info("power sensor: '{}' ended; starting it again", monitor.program());
            if (brief && pause()) {
                return;
            }
        }
    }

    /** Waits a while before a monitor that ended quickly is started again; whether the monitor was closed meanwhile. */
    private boolean pause() {
        try {
            return stopped.await(RESTART_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** Follows one run of the monitor command; whether it printed anything at all. */
    private boolean follow() {
        boolean heard = false;
        try {
            running = monitor.start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
                    heard = true;
                    signal(line).ifPresent(this::changed);
                }
            }
        } catch (IOException e) {
            LOG.debug("power sensor: {}", e.getMessage());
        } finally {
            Process process = running;
            if (process != null) {
                process.destroy();
            }
        }
        return heard;
    }

    /** The power state a line of {@code gdbus monitor} output announces, if any. */
    static Optional<PowerState> signal(String line) {
        Matcher m = SIGNAL.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        boolean starting = m.group(2).equals("true");
        if (m.group(1).equals("PrepareForSleep")) {
            return Optional.of(starting ? PowerState.ASLEEP : PowerState.ON);
        }
        return starting ? Optional.of(PowerState.OFF) : Optional.of(PowerState.ON);
    }

    private void changed(PowerState state) {
        if (state == PowerState.ON) {
            takeLock();
            listener.power(state);
        } else {
            listener.power(state);
            releaseLock();
        }
    }

    private synchronized void takeLock() {
        if (lock == null && inhibitor.isPresent() && !closed) {
            try {
                lock = inhibitor.get().startHoldingInput();
            } catch (IOException e) {
                LOG.info("power sensor: cannot take a sleep delay lock with '{}': {}", inhibitor.get().program(), e.getMessage());
            }
        }
    }

    private synchronized void releaseLock() {
        if (lock != null) {
            lock.destroy();
            lock = null;
        }
    }

    /** Whether it follows logind's signals (false once the monitor command turned out not to work here). */
    public boolean working() {
        return !unavailable && !closed;
    }

    /** The process holding the delay lock right now, for tests. */
    synchronized Optional<Process> lock() {
        return Optional.ofNullable(lock);
    }

    @Override
    public void close() {
        closed = true;
        stopped.countDown();
        Process process = running;
        if (process != null) {
            process.destroy();
        }
        releaseLock();
        if (thread != null) {
            thread.interrupt();
        }
    }
}
