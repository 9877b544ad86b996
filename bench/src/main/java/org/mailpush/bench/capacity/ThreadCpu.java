package org.mailpush.bench.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A process's CPU time so far in the JIT compiler's threads and in the garbage collector's, from
 * {@code /proc/PID/task}; the rest of the process's time is the server's own work. Right after the
 * server starts a new kind of work, the compiler can take most of its CPU: the figures tell warm-up
 * from the work itself. Threads that ended since are not counted; the JVM keeps these for its life.
 *
 * @param compilerNanos the JIT compiler's threads ({@code C1/C2 CompilerThread*})
 * @param collectorNanos the garbage collector's ({@code GC Thread*}, {@code G1 *})
 */
record ThreadCpu(long compilerNanos, long collectorNanos) {
    /** Linux's USER_HZ: clock ticks per second in /proc/PID/task/TID/stat. */
    private static final long NANOS_PER_TICK = 1_000_000_000 / 100;

    /** The process's threads now; zeros where {@code /proc} cannot be read (not Linux). */
    static ThreadCpu of(long pid) {
        long compiler = 0;
        long collector = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String name;
                String stat;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // ended meanwhile
                }
                // After the name in parentheses: state is field 3, utime 14 and stime 15 of the whole line.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
                if (name.matches("C\\d CompilerThre.*")) {
                    compiler += nanos;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    collector += nanos;
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(0, 0);
        }
        return new ThreadCpu(compiler, collector);
    }

    /** What was used from {@code before} until this reading. */
    ThreadCpu since(ThreadCpu before) {
        return new ThreadCpu(compilerNanos - before.compilerNanos, collectorNanos - before.collectorNanos);
    }
}
