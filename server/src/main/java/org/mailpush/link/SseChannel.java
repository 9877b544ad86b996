package org.mailpush.link;

import io.javalin.http.sse.SseClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One terminal's Server-Sent Events stream. Javalin writes an event with a blocking write, so events
 * are queued here and written by a virtual thread of the connection's own, one after another: a
 * terminal that does not read blocks only that thread, never the caller (the link's timers, the
 * routing of another user's mail). No more is queued than the {@link Backlog} allows; past it the
 * connection is dropped, and the terminal resumes with {@code Last-Event-ID} when it connects again.
 */
final class SseChannel implements Channel {
    private static final Logger LOG = LoggerFactory.getLogger(SseChannel.class);

    private record Event(String json, OptionalLong seq, long bytes) {}

    private final SseClient client;
    private final Backlog backlog;
    /** Events not yet written, oldest first; guarded by itself, like the two flags after it. */
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean closing;
    private volatile boolean dropped;

    SseChannel(SseClient client, Backlog backlog) {
        this.client = client;
        this.backlog = backlog;
        backlog.onEviction(() -> {
            LOG.info("terminal on {} has the largest queue, {} bytes, when all together are at link.max-total-queued-bytes; "
                    + "event stream dropped", client.ctx().ip(), backlog.queued());
            drop();
        });
    }

    @Override
    public boolean send(String json, OptionalLong seq) {
        if (dropped || client.terminated()) {
            return false;
        }
        long bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (!backlog.admit(bytes, seq)) {
            LOG.info("terminal on {} reads its event stream too slowly: {} bytes queued (link.max-queued-bytes), or the most "
                    + "when all together are at link.max-total-queued-bytes; connection dropped", client.ctx().ip(), backlog.queued());
            drop();
            return false;
        }
        synchronized (queue) {
            queue.add(new Event(json, seq, bytes));
            startWriter();
        }
        return true;
    }

    @Override
    public boolean unwritten(long seq) {
        return backlog.unwritten(seq);
    }

    /** Ends the stream once what is queued before it (an error saying why, say) is written. */
    @Override
    public void close(int code, String reason) {
        synchronized (queue) {
            closing = true;
            startWriter();
        }
    }

    // Called holding the queue's lock.
    private void startWriter() {
        if (!writing) {
            writing = true;
            Thread.ofVirtual().name("sse-writer").start(this::write);
        }
    }

    /** Writes the queued events in order until none is left; then ends the stream if it is closing. */
    private void write() {
        while (true) {
            Event next;
            boolean end;
            synchronized (queue) {
                next = queue.poll();
                end = next == null && closing;
                if (next == null) {
                    writing = false;
                }
            }
            if (next == null) {
                if (end) {
                    client.close();
                }
                return;
            }
            try {
                if (!dropped && !client.terminated()) {
                    client.sendEvent("message", next.json(), next.seq().isPresent() ? Long.toString(next.seq().getAsLong()) : null);
                }
            } catch (RuntimeException e) {
                LOG.debug("event stream to {} failed: {}", client.ctx().ip(), e.getMessage());
            } finally {
                backlog.written(next.bytes(), next.seq());
            }
        }
    }

    /**
     * Drops the connection at once: what is queued is discarded, and the network connection is closed
     * under a write that may be blocked on it, which fails that write and frees its thread.
     */
    private void drop() {
        dropped = true;
        synchronized (queue) {
            for (Event event : queue) {
                backlog.written(event.bytes(), event.seq());
            }
            queue.clear();
        }
        try {
            ServletContextRequest.getServletContextRequest(client.ctx().req()).getConnectionMetaData().getConnection().getEndPoint()
                    .close();
        } catch (RuntimeException e) {
            LOG.debug("could not close the connection of an event stream: {}", e.getMessage());
        }
        client.close();
    }
}
