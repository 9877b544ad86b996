package org.mailpush.agent.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.agent.command.ExternalCommand;
import org.mailpush.agent.fixtures.RecordingNotifier;
import org.mailpush.agent.fixtures.Scripts;
import org.mailpush.mail.MailId;

class NotifySendNotifierTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private ExternalCommand recording(String name, String output) throws Exception {
        Path log = dir.resolve(name + ".log");
        return new ExternalCommand(List.of(Scripts.write(dir, name,
                "for a in \"$@\"; do printf '%s|' \"$a\" >> '" + log + "'; done; echo >> '" + log + "'; " + output).toString()), TIMEOUT);
    }

    private List<String> calls(String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void showsWithNotifySendAndClosesByTheIdItPrinted() throws Exception {
        var fallback = new RecordingNotifier();
        var notifier = new NotifySendNotifier(recording("notify-send", "echo 42"), recording("gdbus", "true"), fallback);

        notifier.show(new MailId(7), "New mail from carol@example.org", "Lunch?");
        notifier.show(new MailId(7), "New mail from carol@example.org", "Lunch? (again)");
        notifier.withdraw(new MailId(7));
        notifier.withdraw(new MailId(7));

        assertThat(calls("notify-send")).containsExactly(
                "-a|mailpush|-c|email.arrived|-p|--|New mail from carol@example.org|Lunch?|",
                "-a|mailpush|-c|email.arrived|-r|42|-p|--|New mail from carol@example.org|Lunch? (again)|");
        assertThat(calls("gdbus")).containsExactly("42|");
        assertThat(fallback.shown).isEmpty();
    }

    @Test
    void anOldNotifySendWithoutIdsStillShows() throws Exception {
        var fallback = new RecordingNotifier();
        var notifier = new NotifySendNotifier(recording("notify-send", "case \"$*\" in *-p*) exit 1;; esac"),
                recording("gdbus", "true"), fallback);

        notifier.show(new MailId(7), "title", "body");
        notifier.withdraw(new MailId(7));

        assertThat(calls("notify-send")).last().isEqualTo("-a|mailpush|-c|email.arrived|--|title|body|");
        assertThat(calls("gdbus")).isEmpty();
        assertThat(fallback.shown).isEmpty();
    }

    @Test
    void withoutADesktopTheNotificationBecomesTheFallback() throws Exception {
        var fallback = new RecordingNotifier();
        var notifier = new NotifySendNotifier(recording("notify-send", "exit 1"), recording("gdbus", "true"), fallback);

        notifier.show(new MailId(7), "title", "body");

        assertThat(fallback.shown).containsExactly(new RecordingNotifier.Shown(new MailId(7), "title", "body"));
    }
}
