package org.mailpush.agent.sense;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.agent.command.ExternalCommand;
import org.mailpush.agent.fixtures.Scripts;
import org.mailpush.presence.Location;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Temperature;

/** Each sensor against fixture files and scripts that print what the real tools print. */
class SensorsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private ExternalCommand script(String name, String body) throws Exception {
        return new ExternalCommand(List.of(Scripts.write(dir, name, body).toString()), TIMEOUT);
    }

    @Test
    void logindActiveSessionMeansInputNow() throws Exception {
        var sensor = new LogindIdleSensor(script("loginctl", "echo IdleHint=no; echo IdleSinceHint=1764150000000000"));

        assertThat(sensor.read(NOW)).contains(new Reading.LastInput(NOW));
    }

    @Test
    void logindIdleSessionMeansInputWhenItBecameIdle() throws Exception {
        // 1764150000 s = 2025-11-26T09:40:00Z
        var sensor = new LogindIdleSensor(script("loginctl", "printf 'IdleHint=yes\\nIdleSinceHint=1764150000123456\\n'"));

        assertThat(sensor.read(NOW)).contains(new Reading.LastInput(Instant.parse("2025-11-26T09:40:00.123456Z")));
    }

    @Test
    void logindWithoutAnAnswerSaysNothing() throws Exception {
        assertThat(new LogindIdleSensor(script("loginctl", "echo 'Failed to get session' >&2; exit 1")).read(NOW)).isEmpty();
        assertThat(new LogindIdleSensor(script("loginctl", "echo IdleHint=yes; echo IdleSinceHint=0")).read(NOW)).isEmpty();
        assertThat(new LogindIdleSensor(new ExternalCommand(List.of(dir.resolve("missing").toString()), TIMEOUT)).read(NOW)).isEmpty();
    }

    @Test
    void xprintidlePrintsMillisecondsSinceTheLastInput() throws Exception {
        var sensor = new IdleTimeSensor(script("xprintidle", "echo 12500"));

        assertThat(sensor.read(NOW)).contains(new Reading.LastInput(NOW.minusMillis(12_500)));
        assertThat(new IdleTimeSensor(script("broken", "echo 'no display'")).read(NOW)).isEmpty();
    }

    @Test
    void aCommandThatHangsIsCutOff() throws Exception {
        var sensor = new IdleTimeSensor(new ExternalCommand(List.of(Scripts.write(dir, "slow", "exec sleep 30").toString()),
                Duration.ofMillis(300)));

        assertThat(sensor.read(NOW)).isEmpty();
    }

    @Test
    void interruptCountersThatGrowMeanInput() throws Exception {
        Path interrupts = dir.resolve("interrupts");
        Files.writeString(interrupts, interrupts(9, 1234));
        var sensor = new InterruptsSensor(interrupts, List.of("i8042"));

        assertThat(sensor.read(NOW)).as("the first look only learns the count").isEmpty();
        assertThat(sensor.read(NOW.plusSeconds(30))).as("nothing changed").isEmpty();
        Files.writeString(interrupts, interrupts(9, 1300));
        assertThat(sensor.read(NOW.plusSeconds(60))).contains(new Reading.LastInput(NOW.plusSeconds(60)));
        assertThat(sensor.read(NOW.plusSeconds(90))).contains(new Reading.LastInput(NOW.plusSeconds(60)));
    }

    @Test
    void interruptLinesAreSummedOverCpusAndDevices() {
        var lines = interrupts(9, 1234).lines().toList();

        assertThat(InterruptsSensor.sum(lines, List.of("i8042"))).hasValue(9 + 1234 + 7);
        assertThat(InterruptsSensor.sum(lines, List.of("xhci_hcd"))).hasValue(500 + 20);
        assertThat(InterruptsSensor.sum(lines, List.of("nothing"))).isEmpty();
    }

    private static String interrupts(long keyboard, long touchpad) {
        return """
                           CPU0       CPU1
                  0:         44          0   IO-APIC   2-edge      timer
                  1:          %d          0   IO-APIC   1-edge      i8042
                 12:       %d          7   IO-APIC  12-edge      i8042
                123:        500         20   PCI-MSI 327680-edge      xhci_hcd
                NMI:          0          0   Non-maskable interrupts
                """.formatted(keyboard, touchpad);
    }

    @Test
    void hwmonAndThermalZonesReadMillidegrees() throws Exception {
        Path hwmon = Files.createDirectories(dir.resolve("sys/class/hwmon/hwmon3"));
        Files.writeString(hwmon.resolve("temp1_input"), "34250\n");
        Path zone = Files.createDirectories(dir.resolve("sys/class/thermal/thermal_zone0"));
        Files.writeString(zone.resolve("temp"), "21000\n");

        assertThat(new TemperatureSensor(hwmon.resolve("temp1_input")).read(NOW)).contains(new Reading.Heat(Temperature.celsius(34.25)));
        assertThat(new TemperatureSensor(zone.resolve("temp")).read(NOW)).contains(new Reading.Heat(Temperature.celsius(21)));
        assertThat(new TemperatureSensor(dir.resolve("missing")).read(NOW)).isEmpty();
    }

    @Test
    void proximityScriptsSayNearOrAway() throws Exception {
        assertThat(new ProximitySensor(script("near", "echo near")).read(NOW)).contains(new Reading.Nearby(Proximity.NEAR));
        assertThat(new ProximitySensor(script("away", "echo 'away (phone out of range)'")).read(NOW))
                .contains(new Reading.Nearby(Proximity.AWAY));
        assertThat(new ProximitySensor(script("yes", "echo 1")).read(NOW)).contains(new Reading.Nearby(Proximity.NEAR));
        assertThat(new ProximitySensor(script("garbled", "echo perhaps")).read(NOW)).isEmpty();
    }

    @Test
    void locationIsFixedOrPrintedByACommand() throws Exception {
        Location desk = new Location(52.52, 13.405, 10);

        assertThat(LocationSensor.fixed(desk).read(NOW)).contains(new Reading.Place(desk));
        assertThat(LocationSensor.command(script("where", "echo '48.1374 11.5755 25'")).read(NOW))
                .contains(new Reading.Place(new Location(48.1374, 11.5755, 25)));
        assertThat(LocationSensor.command(script("where2", "echo '48.1374,11.5755'")).read(NOW))
                .contains(new Reading.Place(new Location(48.1374, 11.5755, 0)));
        assertThat(LocationSensor.command(script("nowhere", "echo unknown")).read(NOW)).isEmpty();
    }

    @Test
    void sensingPutsTheReadingsIntoOneReport() throws Exception {
        Path temp = Files.writeString(dir.resolve("temp"), "36500");
        var sensing = new Sensing(List.of(new IdleTimeSensor(script("idle", "echo 1000")), new TemperatureSensor(temp),
                new ProximitySensor(script("near", "echo near")), new ProximitySensor(script("broken", "exit 3"))));

        var report = sensing.read(NOW, org.mailpush.presence.PowerState.ON);

        assertThat(report.reportedAt()).isEqualTo(NOW);
        assertThat(report.lastInput()).contains(NOW.minusSeconds(1));
        assertThat(report.temperature()).contains(Temperature.celsius(36.5));
        assertThat(report.proximity()).isEqualTo(Proximity.NEAR);
        assertThat(report.location()).isEqualTo(Optional.empty());
    }
}
