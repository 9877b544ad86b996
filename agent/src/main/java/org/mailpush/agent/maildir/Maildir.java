package org.mailpush.agent.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.mailpush.mail.MailFlags;

/**
 * One Maildir on disk. Delivery follows the Maildir rules: a new file in {@code tmp/}, written and
 * synced, then hard-linked into {@code new/} (or {@code cur/} with its flags when it arrives already
 * read or flagged) — a link never replaces an existing file — and removed from {@code tmp/}. A
 * message is looked for in {@code new/}, {@code cur/} and the Maildir++ sub-folders ({@code .Name/}),
 * so a message a client moved to another folder is not taken for deleted.
 */
public final class Maildir {
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** Where a message is now and under what name. */
    public record Located(Path file, MessageName name) {
        public boolean inNew() {
            return file.getParent().getFileName().toString().equals("new");
        }
    }

    private final Path root;
    private final String host;
    private final long pid;
    private final InstantSource clock;
    private final AtomicLong counter = new AtomicLong();

    public Maildir(Path root, String host, long pid, InstantSource clock) {
        this.root = root;
        this.host = host.replace("/", "\\057").replace(":", "\\072");
        this.pid = pid;
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /** Creates {@code tmp/}, {@code new/} and {@code cur/} if missing, readable by the owner only. */
    public void create() throws IOException {
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            Path dir = root.resolve(sub);
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PRIVATE_DIRECTORY);
            }
        }
    }

    /**
     * A name no message here has: {@code seconds.pid_counter.host}. An earlier process with the same
     * pid in the same second (a restart in a container) may have used the first counters already, so
     * names present in {@code tmp/}, {@code new/} or {@code cur/} are skipped.
     */
    public String newUnique() throws IOException {
        while (true) {
            String unique = clock.instant().getEpochSecond() + "." + pid + "_" + counter.incrementAndGet() + "." + host;
            if (!taken(unique)) {
                return unique;
            }
        }
    }

    private boolean taken(String unique) throws IOException {
        if (Files.exists(root.resolve("tmp").resolve(unique)) || Files.exists(root.resolve("new").resolve(unique))) {
            return true;
        }
        Path cur = root.resolve("cur");
        if (!Files.isDirectory(cur)) {
            return false;
        }
        try (DirectoryStream<Path> same = Files.newDirectoryStream(cur, p -> p.getFileName().toString().startsWith(unique + ":")
                || p.getFileName().toString().equals(unique))) {
            return same.iterator().hasNext();
        }
    }

    /**
     * Writes a message under the unique name, durably, and returns where it landed.
     *
     * @throws FileAlreadyExistsException when a message of that name exists already
     */
    public Path deliver(String unique, byte[] raw, MailFlags flags) throws IOException {
        MessageName name = new MessageName(unique, "").with(flags);
        Path tmp = root.resolve("tmp").resolve(unique);
        FileAttribute<Set<PosixFilePermission>> privateFile = PosixFilePermissions.asFileAttribute(PRIVATE_FILE);
        try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), privateFile)) {
            ByteBuffer buffer = ByteBuffer.wrap(raw);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Path target = name.flags().isEmpty() ? root.resolve("new").resolve(unique) : root.resolve("cur").resolve(name.curName());
        try {
            Files.createLink(target, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(target.getParent());
        return target;
    }

    /** Removes a left-over of an interrupted delivery from {@code tmp/}. */
    public void discardTemporary(String unique) throws IOException {
        Files.deleteIfExists(root.resolve("tmp").resolve(unique));
    }

    /** Every message by its unique name, in {@code new/}, {@code cur/} and the sub-folders' ones. */
    public Map<String, Located> scan() throws IOException {
        Map<String, Located> found = new HashMap<>();
        scanFolder(root, found);
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, p -> p.getFileName().toString().startsWith(".")
                && Files.isDirectory(p.resolve("cur")))) {
            for (Path folder : folders) {
                scanFolder(folder, found);
            }
        }
        return found;
    }

    private static void scanFolder(Path folder, Map<String, Located> found) throws IOException {
        for (String sub : new String[] {"new", "cur"}) {
            Path dir = folder.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String fileName = file.getFileName().toString();
                    if (!fileName.startsWith(".")) {
                        MessageName name = MessageName.parse(fileName);
                        found.putIfAbsent(name.unique(), new Located(file, name));
                    }
                }
            }
        }
    }

    /** Where the message of this unique name is now, if anywhere. */
    public Optional<Located> find(String unique) throws IOException {
        return Optional.ofNullable(scan().get(unique));
    }

    /**
     * Renames a message to carry these flags, the way a mail client would: into its folder's {@code
     * cur/}, with S, F and T set as the flags say and other letters kept. Returns where it is now.
     */
    public Located setFlags(Located message, MailFlags flags) throws IOException {
        MessageName renamed = message.name().with(flags);
        if (renamed.equals(message.name()) && !message.inNew()) {
            return message;
        }
        if (renamed.flags().isEmpty() && message.inNew()) {
            return message;
        }
        Path cur = message.file().getParent().resolveSibling("cur");
        Path target = cur.resolve(renamed.curName());
        try {
            Files.move(message.file(), target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            // The client moved or removed it meanwhile; the next scan sees where it went.
            return message;
        }
        syncDirectory(cur);
        return new Located(target, renamed);
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
