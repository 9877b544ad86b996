package org.mailpush.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a benchmark ran on: what its figures depend on. The load averages say how busy the
 * machine was when the run started and when it ended — beyond the benchmark's own load, how much
 * other work there was, and so how noisy the figures are.
 */
public record Machine(String cpu, int cores, long memoryBytes, String jdk, String os, double loadAverage, double loadAverageAtEnd) {

    /** This machine, now. */
    public static Machine current() {
        String cpu = lines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst().orElse(System.getProperty("os.arch"));
        long memory = lines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                .findFirst().orElse(Runtime.getRuntime().maxMemory());
        String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
        String os = osName() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + ")";
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory, jdk, os, currentLoadAverage(), -1);
    }

    /** The same machine, with the load average now as the one at the end of the run. */
    public Machine ended() {
        return new Machine(cpu, cores, memoryBytes, jdk, os, loadAverage, currentLoadAverage());
    }

    /** The one-minute load average, or -1 where the system does not say. */
    public static double currentLoadAverage() {
        return lines(Path.of("/proc/loadavg")).stream().findFirst()
                .map(line -> Double.parseDouble(line.split(" ")[0]))
                .orElse(-1.0);
    }

    /** One line: "2 cores (AMD EPYC), 23.5 GiB RAM, Eclipse Adoptium 25…, Debian 12 …, load average 4.2 at start, 3.1 at end". */
    public String describe() {
        String end = loadAverageAtEnd < 0 ? "" : String.format(Locale.ROOT, ", %.1f at end", loadAverageAtEnd);
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB RAM, %s, %s, load average %.1f at start%s",
                cores, cpu, memoryBytes / (1024.0 * 1024 * 1024), jdk, os, loadAverage, end);
    }

    private static String osName() {
        return lines(Path.of("/etc/os-release")).stream()
                .filter(line -> line.startsWith("PRETTY_NAME="))
                .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
                .findFirst().orElse(System.getProperty("os.name"));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
