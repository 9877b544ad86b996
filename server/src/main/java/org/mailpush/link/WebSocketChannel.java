package org.mailpush.link;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.messages.MessageSink;
import org.eclipse.jetty.websocket.core.messages.StringMessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One terminal's WebSocket, on Jetty's WebSocket core: each text message goes to the
 * {@link LinkService}, a binary message is refused as malformed (once, however many frames it has);
 * the session's messages go out as text frames, no more of them queued than its {@link Backlog} allows.
 * It keeps no more than it needs while the terminal is idle — no upgrade request, no buffer.
 */
final class WebSocketChannel implements FrameHandler, Channel {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketChannel.class);
    private final LinkService service;
    private final Backlog backlog;
    // Set in onOpen, before the session is handed to anyone who could send on it.
    private CoreSession socket;
    private Session session;
    private MessageSink text;
    /** Whether the continuation frames coming belong to a binary message. */
    private boolean inBinary;

    WebSocketChannel(LinkService service, Backlog backlog) {
        this.service = service;
        this.backlog = backlog;
        backlog.onEviction(() -> {
            CoreSession open = socket;
            if (open != null) {
                LOG.info("terminal on {} has the largest queue, {} bytes, when all together are at link.max-total-queued-bytes; "
                        + "connection dropped", open.getRemoteAddress(), backlog.queued());
                open.abort();
            }
        });
    }

    @Override
    public void onOpen(CoreSession socket, Callback callback) {
        this.socket = socket;
        // Joins a message's frames, keeps it within the text message limit, checks its UTF-8; asks for the next frame.
        this.text = new StringMessageSink(socket, arguments -> {
            service.receive(session, (String) arguments[0]);
            return null;
        }, true);
        this.session = service.open(this);
        callback.succeeded();
        socket.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT -> {
                inBinary = false;
                text.accept(frame, callback);
            }
            case OpCode.CONTINUATION -> {
                if (inBinary) {
                    next(callback);
                } else {
                    text.accept(frame, callback);
                }
            }
            case OpCode.BINARY -> {
                inBinary = true;
                service.receiveBinary(session);
                next(callback);
            }
            case OpCode.PING -> {
                ByteBuffer payload = frame.hasPayload() ? BufferUtil.copy(frame.getPayload()) : BufferUtil.EMPTY_BUFFER;
                socket.sendFrame(new Frame(OpCode.PONG, payload), Callback.NOOP, false);
                next(callback);
            }
            // Jetty answers the close once the callback succeeds, and then calls onClosed.
            case OpCode.CLOSE -> callback.succeeded();
            default -> next(callback);
        }
    }

    private void next(Callback callback) {
        callback.succeeded();
        socket.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        // onClosed follows, with the close status the error led to.
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        if (session != null) {
            service.closed(session);
        }
        callback.succeeded();
    }

    @Override
    public boolean send(String json, OptionalLong seq) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        if (!backlog.admit(payload.length, seq)) {
            // A close frame would wait behind what the terminal does not read: drop the connection, and
            // with it every frame queued, at once. onClosed follows.
            LOG.info("terminal on {} reads too slowly: {} bytes queued (link.max-queued-bytes), or the most when all "
                    + "together are at link.max-total-queued-bytes; connection dropped", socket.getRemoteAddress(), backlog.queued());
            socket.abort();
            return false;
        }
        Runnable written = () -> backlog.written(payload.length, seq);
        socket.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(payload)), Callback.from(written, failure -> written.run()), false);
        return true;
    }

    @Override
    public boolean unwritten(long seq) {
        return backlog.unwritten(seq);
    }

    @Override
    public void close(int code, String reason) {
        socket.close(code, reason, Callback.NOOP);
    }
}
