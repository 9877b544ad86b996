package org.mailpush.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the user does with a mail in one Maildir — with any mail client, which only renames and
 * removes files — reaches the server and the other terminal's Maildir (SPEC M7).
 */
class FlagSyncIT {
    @TempDir
    Path dir;

    @Test
    void readingFlaggingAndDeletingInOneMaildirReachesTheOther() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.addUser("alice", "correct horse");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), server.url(), server.enrol("alice", "laptop", "laptop"), Map.of());
                    TestAgent desktop = new TestAgent(dir.resolve("desktop"), server.url(), server.enrol("alice", "desktop", "desktop"),
                            Map.of())) {
                laptop.start();
                desktop.start();
                // Without a policy every terminal that is on gets the mail (fail-open).
                server.send("alice@example.com", "to be read");
                server.send("alice@example.com", "to be deleted");
                Path read = message(laptop.awaitMessages(2), "to be read");
                Path deleted = message(laptop.messages(), "to be deleted");
                desktop.awaitMessages(2);
                String readUnique = read.getFileName().toString();

                // A mail client reads the mail: moves it from new/ to cur/ and adds S.
                Files.move(read, laptop.maildir().resolve("cur").resolve(readUnique + ":2,S"));
                Path desktopRead = desktop.awaitMessage("the desktop's copy marked seen",
                        name -> name.endsWith(":2,S") && subjectIs(desktop, name, "to be read"));
                assertThat(server.mail("alice", 1).path("flags").path("seen").asBoolean()).isTrue();

                // On the desktop the user flags it, and the laptop's copy follows.
                Files.move(desktopRead, desktopRead.resolveSibling(desktopRead.getFileName().toString().replace(":2,S", ":2,FS")));
                laptop.awaitMessage("the laptop's copy flagged", name -> name.equals(readUnique + ":2,FS"));

                // The user deletes the other mail on the laptop; the desktop's copy is marked trashed.
                Files.delete(deleted);
                desktop.awaitMessage("the desktop's copy trashed", name -> name.endsWith(":2,T"));
                assertThat(server.mail("alice", 2).path("flags").path("deleted").asBoolean()).isTrue();
                assertThat(laptop.messages()).hasSize(1);
            }
        }
    }

    @Test
    void changesMadeWhileTheAgentWasStoppedAreSentWhenItStarts() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.addUser("alice", "correct horse");
            try (TestAgent laptop = new TestAgent(dir.resolve("laptop"), server.url(), server.enrol("alice", "laptop", "laptop"), Map.of());
                    TestAgent desktop = new TestAgent(dir.resolve("desktop"), server.url(), server.enrol("alice", "desktop", "desktop"),
                            Map.of())) {
                laptop.start();
                desktop.start();
                server.send("alice@example.com", "read offline");
                Path read = laptop.awaitMessages(1).getFirst();
                desktop.awaitMessages(1);

                laptop.stop();
                Files.move(read, laptop.maildir().resolve("cur").resolve(read.getFileName() + ":2,S"));
                laptop.start();

                desktop.awaitMessage("the desktop's copy marked seen", name -> name.endsWith(":2,S"));
            }
        }
    }

    private static Path message(java.util.List<Path> messages, String subject) throws java.io.IOException {
        for (Path message : messages) {
            if (TestAgent.header(message, "Subject").equals(subject)) {
                return message;
            }
        }
        throw new AssertionError("no message '" + subject + "' in " + messages);
    }

    private static boolean subjectIs(TestAgent agent, String fileName, String subject) {
        try {
            return TestAgent.header(agent.maildir().resolve("cur").resolve(fileName), "Subject").equals(subject);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
