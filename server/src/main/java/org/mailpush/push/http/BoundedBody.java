package org.mailpush.push.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The start of a response body as text, for a failure's reason: reading stops after {@code limit}
 * octets, and a body that breaks off gives what had come. A push service's body is read for nothing
 * else, and one that sends without end must not fill the heap.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<String> {
    private final int limit;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<String> text = new CompletableFuture<>();
    private Flow.Subscription subscription;

    public BoundedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int length = Math.min(buffer.remaining(), limit - received.size());
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            received.writeBytes(bytes);
        }
        if (received.size() >= limit) {
            subscription.cancel();
            onComplete();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        onComplete();
    }

    @Override
    public void onComplete() {
        text.complete(received.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
        return text;
    }
}
