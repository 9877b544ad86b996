package org.mailpush.bench.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailpush.api.ApiServer;
import org.mailpush.api.HttpSettings;
import org.mailpush.app.MailpushServer;
import org.mailpush.app.ServerConfig;
import org.mailpush.app.Settings;

/**
 * The main class of the server process: {@code ServerHost KIND [key=value …]} starts one server,
 * prints {@code READY name=port …} on stdout, then answers each {@code STATS} line on stdin with a
 * {@link HostStats} line and each {@code CPU} line with its CPU time ({@code CPU cpu=nanoseconds}),
 * until {@code QUIT} or the end of stdin.
 *
 * <ul>
 *   <li>{@code mailpush key=value …}: the mailpush server with these settings (docs/configuration.md);</li>
 *   <li>{@code greenmail PASSWORD ADDRESS…}: GreenMail's SMTP and IMAP servers ({@link GreenMailServers}) with a
 *       mailbox for each address, whose login is the address;</li>
 *   <li>{@code echo}: a WebSocket server at {@code /echo} (mailpush's HTTP server and WebSocket code, {@link EchoFrameHandler})
 *       that sends back each text.</li>
 * </ul>
 */
public final class ServerHost {
    private ServerHost() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ServerHost mailpush|greenmail|echo [arguments]");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        AutoCloseable server;
        String ports;
        switch (args[0]) {
            case "mailpush" -> {
                MailpushServer mailpush = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(), settings(rest))),
                        InstantSource.system());
                server = mailpush;
                ports = "smtp=" + mailpush.smtpPort() + " http=" + mailpush.httpPort();
            }
            case "greenmail" -> {
                GreenMailServers greenMail = new GreenMailServers(rest[0], Arrays.asList(rest).subList(1, rest.length));
                server = greenMail;
                ports = "smtp=" + greenMail.smtpPort() + " imap=" + greenMail.imapPort();
            }
            case "echo" -> {
                ApiServer echo = ApiServer.start(new HttpSettings("127.0.0.1", 0, 1024 * 1024),
                        List.of(config -> ApiServer.webSocket(config, "/echo", (request, response, callback) -> new EchoFrameHandler())));
                server = echo;
                ports = "http=" + echo.port();
            }
            default -> throw new IllegalArgumentException("no server kind '" + args[0] + "': mailpush, greenmail or echo");
        }
        System.out.println("READY " + ports);
        System.out.flush();
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("QUIT"); line = in.readLine()) {
            if (line.equals("STATS")) {
                System.out.println(stats().line());
            } else if (line.equals("CPU")) {
                System.out.println("CPU cpu=" + cpuNanos());
            }
            System.out.flush();
        }
        try {
            server.close();
        } catch (Exception e) {
            e.printStackTrace();
        }
        System.exit(0);
    }

    private static Map<String, String> settings(String[] pairs) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not key=value: " + pair);
            }
            settings.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return settings;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU first, so that the collections made to weigh the heap do not count as the work measured. */
    private static HostStats stats() {
        var os = (com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        // Two collections: the first may leave garbage that finalization or reference processing frees.
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new HostStats(heap, rss(), cpu, ManagementFactory.getThreadMXBean().getThreadCount(),
                os.getOpenFileDescriptorCount(), os.getMaxFileDescriptorCount());
    }

    private static long rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}
