package org.mailpush.push;

import java.util.concurrent.CompletionStage;
import org.mailpush.device.PushChannel;

/**
 * Sends messages to terminals' push channels: Web Push and UnifiedPush (RFC 8030, RFC 8291, RFC 8292).
 * A failure is an outcome, never an exception in the returned stage.
 */
public interface PushTransport {
    CompletionStage<PushOutcome> send(PushChannel channel, PushMessage message);
}
