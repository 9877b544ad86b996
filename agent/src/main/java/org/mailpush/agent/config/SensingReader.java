package org.mailpush.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailpush.presence.Temperature;

/** Reads the {@code sense.*} keys: each sensor is {@code on} or {@code off}, and how it reads. */
final class SensingReader {
    /** The input sensor's sources; {@code auto} picks the first that works here. */
    enum Source { AUTO, LOGIND, XPRINTIDLE, COMMAND, INTERRUPTS }

    /** The location sensor's sources. */
    enum Where { FIXED, COMMAND }

    private final AgentSettings s;

    SensingReader(AgentSettings settings) {
        this.s = settings;
    }

    SensingConfig read() {
        Duration interval = s.duration("sense.interval", Duration.ofSeconds(30));
        Duration timeout = s.duration("sense.command-timeout", Duration.ofSeconds(5));
        return new SensingConfig(interval, timeout, input(), temperature(), proximity(), location(), power());
    }

    private Optional<SensingConfig.Input> input() {
        boolean on = s.onOff("sense.input", true);
        Source source = s.word("sense.input.source", Source.class, Source.AUTO);
        Duration window = s.duration("sense.input.window", Duration.ofMinutes(5));
        boolean commandGiven = s.has("sense.input.command");
        List<String> command = AgentConfig.command(s, "sense.input.command", List.of("true"));
        Path interrupts = s.path("sense.input.interrupts-file", Path.of("/proc/interrupts"));
        List<String> devices = s.list("sense.input.devices", List.of("i8042"));
        // Read whatever the source, as every key is: a key given for another source is no typo.
        String session = s.text("sense.input.session", s.environment("XDG_SESSION_ID").orElse("auto"));
        if (!on) {
            return Optional.empty();
        }
        Optional<InputSource> chosen = switch (source) {
            case AUTO -> auto(interrupts, devices, session);
            case LOGIND -> Optional.of(new InputSource.Logind(commandGiven ? command : logind(session)));
            case XPRINTIDLE -> Optional.of(new InputSource.IdleCommand(commandGiven ? command : List.of("xprintidle")));
            case COMMAND -> {
                if (!commandGiven) {
                    throw new IllegalArgumentException("config key sense.input.command: required with sense.input.source=command");
                }
                yield Optional.of(new InputSource.IdleCommand(command));
            }
            case INTERRUPTS -> Optional.of(s.check("sense.input.devices", () -> new InputSource.Interrupts(interrupts, devices)));
        };
        return chosen.map(c -> new SensingConfig.Input(c, window));
    }

    /** xprintidle in an X11 session, else logind's idle hint for this session, else input device interrupts. */
    private Optional<InputSource> auto(Path interrupts, List<String> devices, String session) {
        if (s.environment("DISPLAY").isPresent() && AgentConfig.installed(s, "xprintidle")) {
            return Optional.of(new InputSource.IdleCommand(List.of("xprintidle")));
        }
        if (s.environment("XDG_SESSION_ID").isPresent() && AgentConfig.installed(s, "loginctl")) {
            return Optional.of(new InputSource.Logind(logind(session)));
        }
        if (Files.isReadable(interrupts) && !devices.isEmpty()) {
            return Optional.of(new InputSource.Interrupts(interrupts, devices));
        }
        return Optional.empty();
    }

    private static List<String> logind(String session) {
        List<String> command = new ArrayList<>(List.of("loginctl", "show-session", session));
        command.addAll(AgentConfig.LOGIND_IDLE);
        return command;
    }

    private Optional<SensingConfig.Heat> temperature() {
        boolean on = s.onOff("sense.temperature", false);
        Path file = s.path("sense.temperature.file", null);
        Temperature[] band = s.check("sense.temperature.band",
                () -> AgentConfig.band(s.text("sense.temperature.band", "31-38.5")));
        if (!on) {
            return Optional.empty();
        }
        if (file == null) {
            throw new IllegalArgumentException("config key sense.temperature.file: required with sense.temperature=on "
                    + "(a /sys/class/hwmon/hwmon*/temp*_input or /sys/class/thermal/thermal_zone*/temp file)");
        }
        return Optional.of(s.check("sense.temperature.band", () -> new SensingConfig.Heat(file, band[0], band[1])));
    }

    private Optional<List<String>> proximity() {
        boolean on = s.onOff("sense.proximity", false);
        boolean given = s.has("sense.proximity.command");
        List<String> command = AgentConfig.command(s, "sense.proximity.command", List.of("true"));
        if (on && !given) {
            throw new IllegalArgumentException("config key sense.proximity.command: required with sense.proximity=on");
        }
        return on ? Optional.of(command) : Optional.empty();
    }

    private Optional<LocationSource> location() {
        boolean on = s.onOff("sense.location", false);
        Where where = s.word("sense.location.source", Where.class, Where.FIXED);
        String fixed = s.text("sense.location.fixed", null);
        boolean given = s.has("sense.location.command");
        List<String> command = AgentConfig.command(s, "sense.location.command", List.of("true"));
        double move = s.number("sense.location.min-move", 100);
        if (!on) {
            return Optional.empty();
        }
        return Optional.of(switch (where) {
            case FIXED -> {
                if (fixed == null) {
                    throw new IllegalArgumentException("config key sense.location.fixed: required with sense.location.source=fixed");
                }
                yield new LocationSource.Fixed(s.check("sense.location.fixed", () -> AgentConfig.location(fixed)));
            }
            case COMMAND -> {
                if (!given) {
                    throw new IllegalArgumentException("config key sense.location.command: required with sense.location.source=command");
                }
                yield s.check("sense.location.min-move", () -> new LocationSource.Command(command, move));
            }
        });
    }

    private Optional<SensingConfig.Power> power() {
        boolean on = s.onOff("sense.power", true);
        List<String> command = AgentConfig.command(s, "sense.power.command", AgentConfig.GDBUS_LOGIND);
        boolean inhibit = s.onOff("sense.power.inhibit", true);
        List<String> inhibitor = AgentConfig.command(s, "sense.power.inhibit-command", AgentConfig.SLEEP_DELAY);
        return on ? Optional.of(new SensingConfig.Power(command, inhibit ? Optional.of(inhibitor) : Optional.empty()))
                : Optional.empty();
    }
}
