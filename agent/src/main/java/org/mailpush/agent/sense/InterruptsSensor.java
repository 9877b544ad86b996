package org.mailpush.agent.sense;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Last input from input device activity, without reading any keystroke: the interrupt counters of
 * the named devices in {@code /proc/interrupts} (such as {@code i8042}, a laptop's keyboard and
 * touchpad). When their sum has grown since the agent last looked, there was input since then; the
 * first look only learns the count. Precision is the sensing interval.
 */
public final class InterruptsSensor implements Sensor {
    private final Path file;
    private final List<String> devices;
    private long lastCount = -1;
    private Instant lastInput;

    public InterruptsSensor(Path file, List<String> devices) {
        this.file = file;
        this.devices = List.copyOf(devices);
    }

    @Override
    public String name() {
        return "input (interrupts of " + String.join(", ", devices) + ")";
    }

    @Override
    public synchronized Optional<Reading> read(Instant now) {
        OptionalLong count = count();
        if (count.isEmpty()) {
            return Optional.empty();
        }
        if (lastCount >= 0 && count.getAsLong() != lastCount) {
            lastInput = now;
        }
        lastCount = count.getAsLong();
        return Optional.ofNullable(lastInput).map(Reading.LastInput::new);
    }

    private OptionalLong count() {
        try {
            return sum(Files.readAllLines(file), devices);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The total count, over all CPUs, of the lines whose device names include one of the given words. */
    static OptionalLong sum(List<String> lines, List<String> devices) {
        long total = 0;
        boolean found = false;
        for (String line : lines) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2 || !words[0].endsWith(":")) {
                continue;
            }
            long count = 0;
            int i = 1;
            for (; i < words.length && words[i].matches("\\d+"); i++) {
                count += Long.parseLong(words[i]);
            }
            for (int j = i; j < words.length; j++) {
                if (devices.contains(words[j].replaceAll(",$", ""))) {
                    total += count;
                    found = true;
                    break;
                }
            }
        }
        return found ? OptionalLong.of(total) : OptionalLong.empty();
    }
}
