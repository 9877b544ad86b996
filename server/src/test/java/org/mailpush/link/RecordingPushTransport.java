package org.mailpush.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.PushTransport;

/** A push transport that keeps every message sent and answers with the outcome it is told to. */
final class RecordingPushTransport implements PushTransport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message as the transport got it. */
    record Sent(PushChannel channel, PushMessage message) {
        JsonNode payload() {
            try {
                return JSON.readTree(message.payload());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private volatile Function<Sent, PushOutcome> answer = message -> new PushOutcome.Delivered();

    /** From now on, answers each message with this. */
    void answer(Function<Sent, PushOutcome> answer) {
        this.answer = answer;
    }

    @Override
    public CompletionStage<PushOutcome> send(PushChannel channel, PushMessage message) {
        var one = new Sent(channel, message);
        sent.add(one);
        return CompletableFuture.completedFuture(answer.apply(one));
    }

    /** The next message sent, waiting for it up to the patience; fails when none comes. */
    Sent next() {
        try {
            Sent next = sent.poll(TerminalClient.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no push within " + TerminalClient.PATIENCE);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Whether a message is waiting, after giving one a short while to come. */
    boolean nothingWithin(Duration wait) {
        try {
            Sent next = sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return next == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
