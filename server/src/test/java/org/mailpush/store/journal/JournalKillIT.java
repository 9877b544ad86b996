package org.mailpush.store.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.mail.StoredMail;
import org.mailpush.store.jdbc.Database;
import org.mailpush.store.jdbc.StoreKey;
import org.mailpush.store.jdbc.DatabaseSettings;

/**
 * SPEC X1 on the embedded database: a mail the H2 store with its journal accepted survives the
 * process being killed with SIGKILL (kill -9) at any moment afterwards. A child process appends mail
 * from eight threads and reports each accepted one; the test kills it at a random moment up to three
 * seconds into its run, twenty times over the same data directory, then opens the store as the server does and looks for every mail that
 * was reported, once. H2 alone fails this: without the journal, kills lost mail whose commit had returned.
 */
class JournalKillIT {
    private static final int ROUNDS = 20;
    private static final int LONGEST_RUN_MILLIS = 3000;

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyMailAcceptedBeforeKillNineIsStoredOnce() throws Exception {
        var random = new Random();
        List<String> accepted = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            accepted.addAll(acceptedUntilKilled("round" + round, random.nextInt(LONGEST_RUN_MILLIS)));
        }

        try (Database database = Database.open(DatabaseSettings.h2(directory.resolve("db")), StoreKey.random("a key of this test"));
                JournaledMailStore mails = AppendUntilKilled.open(database, directory)) {
            List<StoredMail> stored = mails.recent(AppendUntilKilled.OWNER, Integer.MAX_VALUE);
            Map<String, Long> copies = stored.stream()
                    .collect(Collectors.groupingBy(mail -> mail.summary().subject(), Collectors.counting()));
            assertThat(accepted).allSatisfy(subject -> assertThat(copies.get(subject)).as("copies of %s", subject).isEqualTo(1L));
            assertThat(copies.values()).as("no mail stored twice").allMatch(count -> count == 1);
            Map<String, StoredMail> bySubject = stored.stream().collect(Collectors.toMap(m -> m.summary().subject(), Function.identity()));
            for (String subject : accepted.subList(0, Math.min(50, accepted.size()))) {
                assertThat(mails.raw(AppendUntilKilled.OWNER, bySubject.get(subject).id()))
                        .hasValueSatisfying(raw -> assertThat(raw).isEqualTo(AppendUntilKilled.mail(subject).raw()));
            }
        }
    }

    /**
     * Starts the child, reads the mails it accepted, kills it with SIGKILL {@code killAfterMillis} after
     * it accepted its first, and reads what it printed before it died. Only whole lines count: a line
     * cut short by the kill may hold a cut subject.
     */
    private List<String> acceptedUntilKilled(String run, int killAfterMillis) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AppendUntilKilled.class.getName(),
                directory.toString(), run)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("MAILPUSH_LOG_LEVEL", "WARN");
        Process child = builder.start();
        List<String> accepted = new ArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = Thread.ofVirtual().unstarted(() -> {
            try {
                Thread.sleep(killAfterMillis);
            } catch (InterruptedException e) {
                return;
            }
            killed.set(true);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
        });
        try (InputStream output = child.getInputStream()) {
            var line = new StringBuilder();
            for (int next = output.read(); next != -1; next = output.read()) {
                if (next != '\n') {
                    line.append((char) next);
                    continue;
                }
                accepted.add(line.toString());
                line.setLength(0);
                if (accepted.size() == 1) {
                    killer.start();
                }
            }
        } catch (IOException e) {
            // The JDK closes a dead process's pipe under a reader's feet; what was read still counts.
            if (!killed.get()) {
                throw e;
            }
        } finally {
            killer.interrupt();
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(child.exitValue()).as("the child was killed (128 + SIGKILL)").isEqualTo(137);
        return accepted;
    }
}
