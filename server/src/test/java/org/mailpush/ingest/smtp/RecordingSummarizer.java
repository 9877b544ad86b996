package org.mailpush.ingest.smtp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;

/** A summarizer that remembers every message it was given and sums each up by its size alone. */
final class RecordingSummarizer implements Function<byte[], MailSummary> {
    private final List<byte[]> messages = new CopyOnWriteArrayList<>();

    @Override
    public MailSummary apply(byte[] raw) {
        messages.add(raw.clone());
        return summaryOf(raw);
    }

    static MailSummary summaryOf(byte[] raw) {
        return new MailSummary("", "summarized", raw.length, 0, List.of(), Importance.NORMAL, "");
    }

    List<byte[]> messages() {
        return List.copyOf(messages);
    }
}
