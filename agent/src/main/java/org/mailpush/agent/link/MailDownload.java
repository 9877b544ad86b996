package org.mailpush.agent.link;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.mailpush.agent.inbox.RawMail;

/**
 * Downloads a mail too large to be pushed whole: {@code GET} the delivery's fetch path with the
 * device token as bearer (docs/protocol.md, {@code mail}).
 */
public final class MailDownload implements RawMail {
    private final ServerAddress server;
    private final Hello hello;
    private final HttpClient http;

    public MailDownload(ServerAddress server, Hello hello, HttpClient http) {
        this.server = server;
        this.hello = hello;
        this.http = http;
    }

    @Override
    public byte[] fetch(String path) throws IOException {
        if (!path.startsWith("/")) {
            throw new IOException("the server named a fetch path that is not absolute: " + path);
        }
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + hello.make().token()).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + path, e);
        }
    }
}
