package org.mailpush.agent.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.mailpush.agent.command.ExternalCommand;
import org.mailpush.agent.config.NotifyConfig;
import org.mailpush.agent.notify.LogNotifier;
import org.mailpush.agent.notify.Notifier;
import org.mailpush.agent.notify.NotifySendNotifier;
import org.mailpush.agent.notify.SilentNotifier;

/** The notifier the configuration asks for. */
final class Notifiers {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Notifiers() {}

    static Notifier of(NotifyConfig config) {
        NotifySendNotifier notifySend = new NotifySendNotifier(new ExternalCommand(config.command(), TIMEOUT),
                new ExternalCommand(config.closeCommand(), TIMEOUT), new LogNotifier());
        return switch (config.mode()) {
            case AUTO -> installed(config.command().getFirst()) ? notifySend : new LogNotifier();
            case NOTIFY_SEND -> notifySend;
            case LOG -> new LogNotifier();
            case OFF -> new SilentNotifier();
        };
    }

    private static boolean installed(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
