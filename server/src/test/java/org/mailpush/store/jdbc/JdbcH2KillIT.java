package org.mailpush.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.mail.MailId;
import org.mailpush.mail.StoredMail;

/**
 * SPEC X1 on the embedded database: a mail the H2 store accepted survives the process being killed
 * with SIGKILL (kill -9) at any moment afterwards. A child process appends mail from several threads
 * and reports each accepted one; the test kills it in the middle of the stream, three times over the
 * same database file, then opens the file and looks for every mail that was reported.
 */
class JdbcH2KillIT {
    private static final int ROUNDS = 3;
    private static final int ACCEPTED_BEFORE_KILL = 300;

    @TempDir
    Path directory;

    /** A mail the child reported accepted. */
    private record Accepted(MailId id, String subject) {}

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyMailAcceptedBeforeKillNineIsStillThere() throws Exception {
        List<Accepted> accepted = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            accepted.addAll(acceptedUntilKilled("round" + round));
        }

        assertThat(accepted).hasSizeGreaterThanOrEqualTo(ROUNDS * ACCEPTED_BEFORE_KILL);
        try (Database database = Database.open(DatabaseSettings.h2(directory))) {
            // A mail lost in a kill shows as its id missing, or as its id given again to a later mail.
            for (Accepted mail : accepted) {
                assertThat(database.mails().find(AppendUntilKilled.OWNER, mail.id()))
                        .map(stored -> stored.summary().subject())
                        .as("the subject of mail %s, accepted before a kill", mail.id())
                        .contains(mail.subject());
                assertThat(database.mails().raw(AppendUntilKilled.OWNER, mail.id()))
                        .hasValueSatisfying(raw -> assertThat(raw).isEqualTo(AppendUntilKilled.mail(mail.subject()).raw()));
            }
            assertThat(database.mails().pendingRouting(Integer.MAX_VALUE)).extracting(StoredMail::id)
                    .containsAll(accepted.stream().map(Accepted::id).toList());
        }
    }

    /**
     * Starts the child, reads the mails it accepted, kills it with SIGKILL once it accepted enough, and
     * reads what it printed before it died. Only whole lines count: a line cut short by the kill may
     * hold a cut subject.
     */
    private List<Accepted> acceptedUntilKilled(String run) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AppendUntilKilled.class.getName(),
                directory.toString(), run)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("MAILPUSH_LOG_LEVEL", "WARN");
        Process child = builder.start();
        List<Accepted> accepted = new ArrayList<>();
        boolean killed = false;
        try (InputStream output = child.getInputStream()) {
            var line = new StringBuilder();
            for (int next = output.read(); next != -1; next = output.read()) {
                if (next != '\n') {
                    line.append((char) next);
                    continue;
                }
                String[] idAndSubject = line.toString().split(" ", 2);
                accepted.add(new Accepted(MailId.parse(idAndSubject[0]), idAndSubject[1]));
                line.setLength(0);
                if (accepted.size() == ACCEPTED_BEFORE_KILL) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
                    killed = true;
                }
            }
        } catch (IOException e) {
            // The JDK closes a dead process's pipe under a reader's feet; what was read still counts.
            if (!killed) {
                throw e;
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(child.exitValue()).as("the child was killed (128 + SIGKILL)").isEqualTo(137);
        return accepted;
    }
}
