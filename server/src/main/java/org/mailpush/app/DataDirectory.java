package org.mailpush.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory is the server's alone: it holds the database with the users' upstream secrets,
 * the mail journal, the admin token and the server's private keys. It is made {@code rwx------} and
 * every file in it {@code rw-------}; a directory made looser before — by hand, by an older version,
 * by a library that writes with the process's umask (H2) — is tightened, and the log says what was.
 */
public final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {}

    /** Creates the directory owner-only, or tightens it and everything in it, logging each change. */
    public static void secure(Path directory) {
        try {
            if (!posix()) {
                Files.createDirectories(directory);
                return;
            }
            if (Files.notExists(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
                // The umask may have narrowed the attribute, never widened it; set it as meant.
                Files.setPosixFilePermissions(directory, DIRECTORY);
                return;
            }
            tighten(directory, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data directory " + directory + " private: " + e.getMessage(), e);
        }
    }

    /**
     * Tightens what a library just created under the directory with the process's umask (H2's database
     * files), quietly: these files are new, not a looser setting someone made.
     */
    public static void tightenCreated(Path directory) {
        try {
            if (posix() && Files.isDirectory(directory)) {
                tighten(directory, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + directory + " private: " + e.getMessage(), e);
        }
    }

    private static void tighten(Path directory, boolean log) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            if (Files.isSymbolicLink(path)) {
                continue;
            }
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (now.stream().noneMatch(OTHERS::contains)) {
                continue;
            }
            Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE;
            Files.setPosixFilePermissions(path, wanted);
            if (log) {
                LOG.warn("data directory: {} was {}, readable by others than the server; made it {}", path,
                        PosixFilePermissions.toString(now), PosixFilePermissions.toString(wanted));
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
