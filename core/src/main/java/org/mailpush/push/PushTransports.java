package org.mailpush.push;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mailpush.device.PushChannel;

/** The push transports the server has, one per kind of channel; each message goes to its channel's. */
public final class PushTransports implements PushTransport {
    private final Map<PushChannel.Kind, PushTransport> byKind;

    public PushTransports(Map<PushChannel.Kind, PushTransport> byKind) {
        this.byKind = byKind.isEmpty() ? Map.of() : new EnumMap<>(byKind);
    }

    /** Whether channels of this kind can be used here. */
    public boolean handles(PushChannel.Kind kind) {
        return byKind.containsKey(kind);
    }

    @Override
    public CompletionStage<PushOutcome> send(PushChannel channel, PushMessage message) {
        PushTransport transport = byKind.get(channel.kind());
        if (transport == null) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed("no " + channel.kind().word() + " transport is configured"));
        }
        return transport.send(channel, message);
    }
}
