package org.mailpush.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where the input sensor learns when the user last touched the machine (SPEC T2 "input"). */
public sealed interface InputSource {

    /** The session manager's idle hint: {@code loginctl show-session SESSION -p IdleHint -p IdleSinceHint}. */
    record Logind(List<String> command) implements InputSource {
        public Logind {
            command = nonEmpty(command);
        }
    }

    /** A command that prints the idle time in milliseconds, such as X11's {@code xprintidle}. */
    record IdleCommand(List<String> command) implements InputSource {
        public IdleCommand {
            command = nonEmpty(command);
        }
    }

    /** Input device activity: interrupt counters of the named devices in {@code /proc/interrupts}. */
    record Interrupts(Path file, List<String> devices) implements InputSource {
        public Interrupts {
            Objects.requireNonNull(file, "file");
            devices = List.copyOf(devices);
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("name at least one device of /proc/interrupts, such as i8042");
            }
        }
    }

    private static List<String> nonEmpty(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the command must not be empty");
        }
        return List.copyOf(command);
    }
}
