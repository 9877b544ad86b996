package org.mailpush.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.mailpush.api.AdminToken;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.json.DeviceJson;
import org.mailpush.json.UserJson;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/**
 * The simulated users and their terminals, enrolled through the admin API as an operator would:
 * user {@code u7} has the address {@code u7@bench.example} and the devices {@code u7-d0},
 * {@code u7-d1}, … — a laptop, a phone, a desktop, a tablet, then phones.
 */
public final class Population {
    public static final String DOMAIN = "bench.example";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceType[] TYPES = {DeviceType.LAPTOP, DeviceType.PHONE, DeviceType.DESKTOP, DeviceType.TABLET};

    /** A user with their enrolled devices. */
    public record Member(UserId user, String address, List<Enrolled> devices) {}

    /** A device and the token it says hello with. */
    public record Enrolled(DeviceId device, String token) {}

    private Population() {}

    /**
     * Enrols {@code users} users with {@code devicesEach} devices each, {@code concurrency} requests at
     * a time, on the server whose data directory (and so admin token) is {@code data}.
     */
    public static List<Member> enrol(int httpPort, Path data, int users, int devicesEach, int concurrency) throws InterruptedException {
        String token;
        try {
            token = AdminToken.load(data.resolve(AdminToken.FILE_NAME)).value();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin token in " + data + ": " + e.getMessage(), e);
        }
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            var admin = new Admin(http, URI.create("http://127.0.0.1:" + httpPort), token, new Semaphore(concurrency));
            List<CompletableFuture<JsonNode>> created = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                UserId id = new UserId("u" + u);
                var user = new User(id, "bench user " + u, Set.of(MailAddress.of(id.value() + "@" + DOMAIN)));
                created.add(admin.post("/api/admin/users", UserJson.write(user)));
            }
            CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).join();
            List<List<CompletableFuture<JsonNode>>> devices = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                List<CompletableFuture<JsonNode>> own = new ArrayList<>();
                for (int d = 0; d < devicesEach; d++) {
                    own.add(admin.post("/api/admin/users/u" + u + "/devices", DeviceJson.write(device(u, d))));
                }
                devices.add(own);
            }
            List<Member> members = new ArrayList<>(users);
            for (int u = 0; u < users; u++) {
                List<Enrolled> enrolled = devices.get(u).stream()
                        .map(f -> f.join())
                        .map(json -> new Enrolled(new DeviceId(json.path("device").path("id").asText()), json.path("token").asText()))
                        .toList();
                members.add(new Member(new UserId("u" + u), "u" + u + "@" + DOMAIN, enrolled));
            }
            return members;
        }
    }

    private static Device device(int user, int index) {
        DeviceType type = index < TYPES.length ? TYPES[index] : DeviceType.PHONE;
        var id = new DeviceId("u" + user + "-d" + index);
        return new Device(id, new UserId("u" + user), type.word() + " " + index, type, Capabilities.FULL, List.of());
    }

    private record Admin(HttpClient http, URI base, String token, Semaphore slots) {
        CompletableFuture<JsonNode> post(String path, Object document) throws InterruptedException {
            String body;
            try {
                body = JSON.writeValueAsString(document);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            slots.acquire();
            var request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> slots.release())
                    .thenApply(response -> {
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
                        }
                        try {
                            return JSON.readTree(response.body());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }
}
