package org.mailpush.agent.sense;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.agent.command.ExternalCommand;
import org.mailpush.agent.fixtures.Scripts;
import org.mailpush.presence.PowerState;

class PowerMonitorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void gdbusMonitorLinesBecomePowerStates() {
        assertThat(PowerMonitor.signal("/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (true,)"))
                .contains(PowerState.ASLEEP);
        assertThat(PowerMonitor.signal("/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (false,)"))
                .contains(PowerState.ON);
        assertThat(PowerMonitor.signal("/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForShutdown (true,)"))
                .contains(PowerState.OFF);
        assertThat(PowerMonitor.signal("/org/freedesktop/login1: org.freedesktop.login1.Manager.SessionNew ('3', objectpath '/x')"))
                .isEmpty();
        assertThat(PowerMonitor.signal("The name org.freedesktop.login1 is owned by :1.3")).isEmpty();
    }

    @Test
    void reportsSleepAndWakeAndHoldsTheDelayLockOnlyWhileAwake(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("signals");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        Path monitor = Scripts.write(dir, "gdbus", "echo 'Monitoring signals from all objects owned by org.freedesktop.login1'\nexec cat '" + fifo + "'");
        Path inhibitor = Scripts.write(dir, "systemd-inhibit", "exec cat");
        BlockingQueue<PowerState> states = new LinkedBlockingQueue<>();

        try (var power = new PowerMonitor(new ExternalCommand(List.of(monitor.toString()), TIMEOUT),
                Optional.of(new ExternalCommand(List.of(inhibitor.toString()), TIMEOUT)), states::add)) {
            power.start();
            try (OutputStream signals = Files.newOutputStream(fifo)) {
                // The monitor takes the lock before it starts gdbus, and gdbus has opened the pipe by now.
                Process awakeLock = power.lock().orElseThrow();
                signals.write(line("PrepareForSleep (true,)"));
                signals.flush();
                assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(PowerState.ASLEEP);
                assertThat(awakeLock.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("the lock is released before sleeping").isFalse();

                signals.write(line("PrepareForSleep (false,)"));
                signals.flush();
                assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(PowerState.ON);
                assertThat(power.lock()).as("the lock is taken again on waking").isPresent();
            }
        }
    }

    private static byte[] line(String signal) {
        return ("/org/freedesktop/login1: org.freedesktop.login1.Manager." + signal + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
