package org.mailpush.store.journal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's files: segments {@code segment-<number>.log} in one directory, records appended to
 * the newest, synced in groups. A record's key is its segment's number in the high 32 bits and its
 * index in the segment in the low 32, unique over the journal's life: a new segment's number is above
 * every segment on disk and every key the store holds.
 *
 * <p>Thread-safe. Appenders {@link #write} a record, then {@link #awaitDurable} it: the first appender
 * to wait syncs the file for everything written until then, and the others wait for that sync or
 * the next one.
 */
final class MailJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailJournal.class);
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{10})\\.log(\\.unstored)?");
    /** Added to the name of a segment holding mail the store refused at replay. */
    static final String UNSTORED = ".unstored";
    private static final int MAX_RECORD_BYTES = Integer.MAX_VALUE - 64;
    private static final long MAX_SEGMENT_NUMBER = 0xFFFF_FFFFL;
    private static final long IN_FLIGHT_POLL_NANOS = 200_000;
    /** Records replayed together: the store finds those it holds whole in one query ({@link JournaledStore#whole}). */
    private static final int REPLAY_BATCH = 1_000;
    private static final long REPLAY_BATCH_BYTES = 64L << 20;

    private final Path directory;
    /** How long a sealed segment stays after its mail was forced to the database's disk; see {@link #open(Path, JournaledStore, Duration, InstantSource)}. */
    private final Duration keep;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    private final LongAdder syncs = new LongAdder();
    /** Sealed segments, oldest first, each with the checkpoints it has seen; guarded by lock. */
    private final List<Segment> sealed = new ArrayList<>();
    private Segment current;
    /** Bytes written and bytes synced over the journal's life; guarded by lock. */
    private long written;
    private long durable;
    private boolean syncing;

    private MailJournal(Path directory, List<Segment> replayed, Duration keep, InstantSource clock) {
        this.directory = directory;
        this.keep = keep;
        this.clock = clock;
        Instant now = clock.instant();
        for (Segment segment : replayed) {
            segment.sealedAt = now;
        }
        sealed.addAll(replayed);
    }

    /** Where a written record is: its key, its segment and the journal position just after it. */
    record Ticket(long key, Segment segment, long end) {}

    /**
     * Opens the journal in {@code directory} (created when missing): stores in {@code store} every
     * record of the segments found there, by key (so what the store holds already is skipped), and
     * starts a new segment.
     */
    static MailJournal open(Path directory, JournaledStore store) {
        return open(directory, store, Duration.ZERO, InstantSource.system());
    }

    /**
     * Opens the journal as {@link #open(Path, JournaledStore)} does, keeping each sealed segment
     * until it has been through a checkpoint after the one that sealed it <em>and</em> {@code keep}
     * has passed since it was sealed (or found at open). H2, reopened after a crash, was seen to
     * come back without mail it had been told to force to disk before: a checkpoint alone does not
     * prove the mail is on H2's disk for good, so the journal keeps it for a while longer.
     */
    static MailJournal open(Path directory, JournaledStore store, Duration keep, InstantSource clock) {
        try {
            createPrivateDirectory(directory);
            List<Segment> found = new ArrayList<>();
            int replayed = 0;
            long last = Math.max(store.lastKey() >>> 32, highestNumber(directory));
            for (Segment segment : segments(directory)) {
                Replay replay = replay(segment.path, store);
                replayed += replay.stored;
                if (replay.failed == 0) {
                    found.add(segment);
                } else {
                    keepAside(segment);
                }
            }
            var journal = new MailJournal(directory, found, keep, clock);
            journal.current = journal.create(last + 1);
            if (!found.isEmpty()) {
                LOG.info("mail journal: {} segment(s) read, {} mail(s) stored again that the database lacked", found.size(), replayed);
                // What was stored again is forced to disk now, so that a crash loop does not pile up segments.
                journal.checkpoint(store);
            }
            return journal;
        } catch (IOException e) {
            throw new StoreException("cannot open the mail journal in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Appends the mail as a record; it is durable once {@link #awaitDurable} returned for the ticket. */
    Ticket write(NewMail mail) {
        lock.lock();
        try {
            if (current.records == Integer.MAX_VALUE) {
                roll();
            }
            Segment segment = current;
            long key = segment.number << 32 | segment.records++;
            ByteBuffer[] record = new JournalRecord(key, mail).encode();
            long bytes = 0;
            for (ByteBuffer buffer : record) {
                bytes += buffer.remaining();
            }
            while (record[record.length - 1].hasRemaining()) {
                segment.channel.write(record);
            }
            written += bytes;
            segment.bytes += bytes;
            segment.inFlight.incrementAndGet();
            return new Ticket(key, segment, written);
        } catch (IOException e) {
            throw new StoreException("cannot write to the mail journal: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Returns once the record is on stable storage, syncing the journal if no other appender is. */
    void awaitDurable(Ticket ticket) {
        lock.lock();
        try {
            while (durable < ticket.end) {
                if (syncing) {
                    synced.awaitUninterruptibly();
                    continue;
                }
                syncing = true;
                long target = written;
                FileChannel channel = current.channel;
                lock.unlock();
                try {
                    channel.force(false);
                    syncs.increment();
                } finally {
                    lock.lock();
                    syncing = false;
                    synced.signalAll();
                }
                durable = Math.max(durable, target);
            }
        } catch (IOException e) {
            throw new StoreException("cannot sync the mail journal: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The appender holding the ticket is done with its record: the store has it, or it failed. */
    void done(Ticket ticket) {
        ticket.segment.inFlight.decrementAndGet();
    }

    /**
     * A checkpoint: starts a new segment (when the current one holds records), waits for the appends
     * still running on the sealed ones, has the store force its changes to disk, then deletes the
     * segments that had been through a checkpoint before this one.
     */
    void checkpoint(JournaledStore store) {
        List<Segment> segments;
        lock.lock();
        try {
            if (current.records > 0) {
                roll();
            }
            segments = List.copyOf(sealed);
        } catch (IOException e) {
            throw new StoreException("cannot start a new mail journal segment: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        for (Segment segment : segments) {
            while (segment.inFlight.get() > 0) {
                LockSupport.parkNanos(IN_FLIGHT_POLL_NANOS);
            }
        }
        store.checkpoint();
        Instant cutOff = clock.instant().minus(keep);
        for (Segment segment : segments) {
            if (segment.checkpoints++ > 0 && !segment.sealedAt.isAfter(cutOff)) {
                delete(segment);
            }
        }
    }

    /** How many times the journal was synced: one sync serves every record written before it. */
    long syncs() {
        return syncs.sum();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            current.channel.force(false);
            current.channel.close();
            for (Segment segment : sealed) {
                segment.channel.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the mail journal failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Syncs and seals the current segment and opens the next; under lock. */
    private void roll() throws IOException {
        current.channel.force(false);
        syncs.increment();
        durable = written;
        current.sealedAt = clock.instant();
        sealed.add(current);
        current = create(current.number + 1);
    }

    private void delete(Segment segment) {
        lock.lock();
        try {
            segment.channel.close();
            Files.deleteIfExists(segment.path);
            sealed.remove(segment);
        } catch (IOException e) {
            LOG.warn("cannot delete mail journal segment {}: {}", segment.path, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private Segment create(long number) throws IOException {
        if (number > MAX_SEGMENT_NUMBER) {
            throw new IllegalStateException("the mail journal has used every segment number");
        }
        Path path = directory.resolve(name(number));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        setPrivate(path, "rw-------");
        // The new file's name must survive a power cut as its records do.
        try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
            folder.force(true);
        }
        return new Segment(number, path, channel);
    }

    private static String name(long number) {
        return "segment-%010d.log".formatted(number);
    }

    /** The highest number of a segment in the directory, kept aside ones included; 0 when there is none. */
    private static long highestNumber(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> SEGMENT.matcher(path.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(name -> Long.parseLong(name.group(1)))
                    .max().orElse(0);
        }
    }

    /** The segments to read at open, oldest first. */
    private static List<Segment> segments(Path directory) throws IOException {
        List<Segment> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path path : files.sorted().toList()) {
                Matcher name = SEGMENT.matcher(path.getFileName().toString());
                if (name.matches() && name.group(2) == null) {
                    found.add(new Segment(Long.parseLong(name.group(1)), path, FileChannel.open(path, StandardOpenOption.READ)));
                }
            }
        }
        return found;
    }

    /** What replaying a segment did: records stored that the store lacked, and records the store refused. */
    private record Replay(int stored, int failed) {}

    /** Stores the segment's records again, up to the first torn one, a batch at a time. */
    private static Replay replay(Path segment, JournaledStore store) throws IOException {
        int stored = 0;
        int failed = 0;
        long offset = 0;
        long size = Files.size(segment);
        Map<Long, NewMail> batch = new LinkedHashMap<>();
        long batchBytes = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(segment), 1 << 16)) {
            for (int[] header = JournalRecord.readHeader(in); header != null; header = JournalRecord.readHeader(in)) {
                int length = header[0];
                if (length < 0 || length > MAX_RECORD_BYTES || offset + JournalRecord.HEADER_BYTES + length > size) {
                    break;
                }
                byte[] payload = in.readNBytes(length);
                if (!JournalRecord.intact(payload, header[1])) {
                    break;
                }
                JournalRecord record = JournalRecord.decode(payload);
                batch.put(record.key(), record.mail());
                batchBytes += length;
                offset += JournalRecord.HEADER_BYTES + length;
                if (batch.size() == REPLAY_BATCH || batchBytes >= REPLAY_BATCH_BYTES) {
                    Replay replayed = restore(segment, batch, store);
                    stored += replayed.stored;
                    failed += replayed.failed;
                    batch.clear();
                    batchBytes = 0;
                }
            }
        }
        Replay replayed = restore(segment, batch, store);
        if (offset < size) {
            LOG.warn("mail journal segment {}: the {} byte(s) after offset {} are a record cut short by a crash (never acknowledged)"
                    + " or damaged; not stored",
                    segment.getFileName(), size - offset, offset);
        }
        return new Replay(stored + replayed.stored, failed + replayed.failed);
    }

    /** Restores, in order, the records of a batch that the store does not hold whole. */
    private static Replay restore(Path segment, Map<Long, NewMail> batch, JournaledStore store) {
        if (batch.isEmpty()) {
            return new Replay(0, 0);
        }
        Set<Long> whole = store.whole(batch);
        int stored = 0;
        int failed = 0;
        for (Map.Entry<Long, NewMail> record : batch.entrySet()) {
            if (whole.contains(record.getKey())) {
                continue;
            }
            try {
                if (!store.restore(record.getValue(), record.getKey()).isEmpty()) {
                    stored++;
                }
            } catch (StoreException e) {
                // A recipient removed since, say: the mail must not stop the server, nor be deleted with the segment.
                LOG.error("mail journal segment {}: the store refused the mail with key {} from {}: {}", segment.getFileName(),
                        record.getKey(), record.getValue().envelopeSender(), e.getMessage());
                failed++;
            }
        }
        return new Replay(stored, failed);
    }

    /** Renames a segment holding mail the store refused, so that it is neither read again nor deleted. */
    private static void keepAside(Segment segment) throws IOException {
        segment.channel.close();
        Path aside = segment.path.resolveSibling(segment.path.getFileName() + UNSTORED);
        Files.move(segment.path, aside, StandardCopyOption.ATOMIC_MOVE);
        LOG.error("mail journal: kept {} aside, with mail the store refused; see the errors above", aside);
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        setPrivate(directory, "rwx------");
    }

    private static void setPrivate(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own access rules apply.
        }
    }

    /** A segment file; its counters are guarded by the journal's lock, but for the appends in flight. */
    static final class Segment {
        final long number;
        final Path path;
        final FileChannel channel;
        final AtomicInteger inFlight = new AtomicInteger();
        int records;
        long bytes;
        int checkpoints;
        /** When the segment was sealed, or found at open; guarded by the journal's lock. */
        Instant sealedAt;

        Segment(long number, Path path, FileChannel channel) {
            this.number = number;
            this.path = path;
            this.channel = channel;
        }
    }
}
