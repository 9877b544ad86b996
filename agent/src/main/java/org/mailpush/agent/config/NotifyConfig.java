package org.mailpush.agent.config;

import java.util.List;
import java.util.Objects;

/**
 * How new mail and hints are shown: a desktop notification through {@code notify-send}, a log line,
 * or nothing.
 *
 * @param command      the notify-send program and its first arguments
 * @param closeCommand the command that closes a notification; its id is appended
 */
public record NotifyConfig(Mode mode, List<String> command, List<String> closeCommand) {
    /** The notification back-end. */
    public enum Mode {
        /** notify-send when it is installed, else a log line. */
        AUTO,
        NOTIFY_SEND,
        LOG,
        OFF
    }

    public NotifyConfig {
        Objects.requireNonNull(mode, "mode");
        command = List.copyOf(command);
        closeCommand = List.copyOf(closeCommand);
    }
}
