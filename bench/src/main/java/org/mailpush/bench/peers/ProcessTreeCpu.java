package org.mailpush.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of process trees from {@code /proc}: each root's own time and its ended children's
 * (which the kernel adds to the parent that reaps them), plus the time of its descendants alive now.
 * The difference of two readings is the CPU the trees used between them, short-lived processes
 * included — as long as each root reaps its own children, as Postfix's and Dovecot's masters do.
 */
final class ProcessTreeCpu {
    /** Linux's USER_HZ: clock ticks per second in /proc/PID/stat, the same on every architecture Java runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private final List<Path> pidFiles;

    /** @param pidFiles the roots' pid files, read at each reading */
    ProcessTreeCpu(List<Path> pidFiles) {
        this.pidFiles = List.copyOf(pidFiles);
    }

    long nanos() {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, long[]> times = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                String[] stat = stat(p);
                if (stat != null) {
                    long pid = Long.parseLong(p.getFileName().toString());
                    parents.put(pid, Long.parseLong(stat[1]));
                    // utime, stime, cutime, cstime
                    times.put(pid, new long[] {Long.parseLong(stat[11]), Long.parseLong(stat[12]), Long.parseLong(stat[13]),
                            Long.parseLong(stat[14])});
                }
            });
        } catch (IOException e) {
            return 0;
        }
        long ticks = 0;
        for (long root : roots()) {
            long[] own = times.get(root);
            if (own == null) {
                continue;
            }
            ticks += own[0] + own[1] + own[2] + own[3];
            for (long pid : descendants(root, parents)) {
                long[] t = times.get(pid);
                ticks += t[0] + t[1];
            }
        }
        return ticks * (1_000_000_000 / TICKS_PER_SECOND);
    }

    private List<Long> roots() {
        List<Long> roots = new ArrayList<>();
        for (Path file : pidFiles) {
            try {
                roots.add(Long.parseLong(Files.readString(file).strip()));
            } catch (IOException | NumberFormatException e) {
                // not running
            }
        }
        return roots;
    }

    private static List<Long> descendants(long root, Map<Long, Long> parents) {
        List<Long> found = new ArrayList<>();
        List<Long> frontier = new ArrayList<>(List.of(root));
        while (!frontier.isEmpty()) {
            long parent = frontier.removeLast();
            parents.forEach((pid, ppid) -> {
                if (ppid == parent) {
                    found.add(pid);
                    frontier.add(pid);
                }
            });
        }
        return found;
    }

    /** The fields of /proc/PID/stat after the command name (state first), or null when the process has gone. */
    private static String[] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
