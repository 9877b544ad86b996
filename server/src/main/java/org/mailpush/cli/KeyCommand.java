package org.mailpush.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.mailpush.app.DataDirectory;
import org.mailpush.app.ServerConfig;
import org.mailpush.app.ServerFile;
import org.mailpush.store.jdbc.Database;
import org.mailpush.store.jdbc.StoreKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailpush key rotate}: the key that seals the upstream passwords in the store (docs/configuration.md). */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Manage the key that seals the upstream passwords in the store (AES-256-GCM).",
        subcommands = KeyCommand.Rotate.class)
final class KeyCommand {

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Seal every stored upstream password with a new random key, in one transaction.",
                "Stop the server first. With the key file (secrets.key-file, default DIR/secret.key) the new key replaces it;",
                "with the key given in MAILPUSH_SECRETS_KEY (config key secrets.key) the new key is printed once:",
                "set the variable to it before the next start."})
    static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            Path data = options.dataDirectory();
            if (ServerFile.running(data).isPresent()) {
                throw new IllegalStateException("a server runs on " + data + ": stop it first, as it holds the key in use");
            }
            ServerConfig config = options.config();
            ServerConfig.Secrets secrets = config.secrets();
            Path next = secrets.keyFile().resolveSibling(secrets.keyFile().getFileName() + ".next");
            if (secrets.key().isEmpty() && Files.exists(next)) {
                throw new IllegalStateException(next + " is left from a rotation that was interrupted: the store is sealed with"
                        + " either it or " + secrets.keyFile() + "; keep the one the server starts with and delete the other");
            }
            DataDirectory.secure(data);
            StoreKey current = secrets.storeKey();
            StoreKey fresh = StoreKey.random(secrets.key().isPresent() ? "MAILPUSH_SECRETS_KEY" : secrets.keyFile().toString());
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = Database.open(config.database(), current)) {
                DataDirectory.tightenCreated(data);
                if (secrets.key().isPresent()) {
                    int count = database.reseal(fresh);
                    out.println("sealed " + count + " upstream password(s) with the new key " + fresh.id()
                            + "; set MAILPUSH_SECRETS_KEY to it before the next start:");
                    out.println(fresh.encoded());
                    return 0;
                }
                // Kept on disk before the store depends on it; put in the key file's place once the store does.
                fresh.write(next);
                int count = database.reseal(fresh);
                replace(next, secrets.keyFile());
                out.println("sealed " + count + " upstream password(s) with the new key " + fresh.id() + " in " + secrets.keyFile()
                        + "; the old key " + current.id() + " opens nothing any more");
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the new key: " + e.getMessage(), e);
            }
        }

        private static void replace(Path source, Path target) throws IOException {
            try {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
