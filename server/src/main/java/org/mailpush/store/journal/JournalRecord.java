package org.mailpush.store.journal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.user.UserId;

/**
 * One journal record: a mail and its key. On disk a record is its payload's length (4 bytes), the
 * payload's CRC-32C (4 bytes) and the payload; a record cut short or whose checksum fails ends the
 * segment (the tail a crash tore while it was being written, never acknowledged).
 *
 * @param key  the record's key, unique over the journal's life
 * @param mail the mail as it was accepted
 */
record JournalRecord(long key, NewMail mail) {
    static final int HEADER_BYTES = 8;
    private static final int SMTP = 1;
    private static final int UPSTREAM = 2;

    /**
     * The record as it is written, header and payload, in two buffers: the header with the mail's
     * envelope and summary, and the raw mail itself, which is not copied.
     */
    ByteBuffer[] encode() {
        var bytes = new ByteArrayOutputStream(512);
        bytes.writeBytes(new byte[HEADER_BYTES]);
        try (var out = new DataOutputStream(bytes)) {
            out.writeLong(key);
            out.writeLong(mail.receivedAt().getEpochSecond());
            out.writeInt(mail.receivedAt().getNano());
            out.writeInt(mail.recipients().size());
            for (UserId recipient : mail.recipients()) {
                writeText(out, recipient.value());
            }
            writeText(out, mail.envelopeSender());
            writeSummary(out, mail.summary());
            writeOrigin(out, mail.origin());
            out.writeInt(mail.raw().length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer head = ByteBuffer.wrap(bytes.toByteArray());
        var crc = new CRC32C();
        crc.update(head.array(), HEADER_BYTES, head.capacity() - HEADER_BYTES);
        crc.update(mail.raw());
        head.putInt(0, head.capacity() - HEADER_BYTES + mail.raw().length).putInt(4, (int) crc.getValue());
        return new ByteBuffer[] {head, ByteBuffer.wrap(mail.raw())};
    }

    /** Whether {@code payload} is what a header with this checksum was written for. */
    static boolean intact(byte[] payload, int checksum) {
        var crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue() == checksum;
    }

    /** The record of an intact payload. */
    static JournalRecord decode(byte[] payload) throws IOException {
        var in = new DataInputStream(new ByteArrayInputStream(payload));
        long key = in.readLong();
        Instant receivedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        int count = in.readInt();
        List<UserId> recipients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            recipients.add(new UserId(readText(in)));
        }
        String envelopeSender = readText(in);
        MailSummary summary = readSummary(in);
        Origin origin = readOrigin(in);
        byte[] raw = in.readNBytes(in.readInt());
        return new JournalRecord(key, new NewMail(recipients, envelopeSender, raw, summary, receivedAt, origin));
    }

    private static void writeSummary(DataOutputStream out, MailSummary summary) throws IOException {
        writeText(out, summary.sender());
        writeText(out, summary.subject());
        out.writeLong(summary.sizeBytes());
        out.writeInt(summary.pictures());
        out.writeInt(summary.attachmentTypes().size());
        for (String type : summary.attachmentTypes()) {
            writeText(out, type);
        }
        writeText(out, summary.importance().name());
        writeText(out, summary.preview());
    }

    private static MailSummary readSummary(DataInputStream in) throws IOException {
        String sender = readText(in);
        String subject = readText(in);
        long size = in.readLong();
        int pictures = in.readInt();
        int count = in.readInt();
        List<String> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(readText(in));
        }
        return new MailSummary(sender, subject, size, pictures, types, Importance.valueOf(readText(in)), readText(in));
    }

    private static void writeOrigin(DataOutputStream out, Origin origin) throws IOException {
        switch (origin) {
            case Origin.Smtp smtp -> {
                out.writeByte(SMTP);
                writeText(out, smtp.clientAddress());
                writeText(out, smtp.helo());
            }
            case Origin.Upstream upstream -> {
                out.writeByte(UPSTREAM);
                out.writeLong(upstream.account().value());
                out.writeLong(upstream.uidValidity());
                out.writeLong(upstream.uid());
                writeText(out, upstream.uidl());
                writeText(out, upstream.fingerprint());
            }
        }
    }

    private static Origin readOrigin(DataInputStream in) throws IOException {
        int kind = in.readByte();
        return switch (kind) {
            case SMTP -> new Origin.Smtp(readText(in), readText(in));
            case UPSTREAM -> new Origin.Upstream(new UpstreamAccountId(in.readLong()), in.readLong(), in.readLong(),
                    readText(in), readText(in));
            default -> throw new IOException("unknown origin kind " + kind);
        };
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    /** Reads a header's two fields; null at the end of the stream or in a header cut short. */
    static int[] readHeader(InputStream in) throws IOException {
        byte[] header = in.readNBytes(HEADER_BYTES);
        if (header.length < HEADER_BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(header);
        return new int[] {buffer.getInt(), buffer.getInt()};
    }
}
