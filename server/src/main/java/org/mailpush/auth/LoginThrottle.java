package org.mailpush.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing without letting an attacker lock the real user out: failures are
 * counted per client address and user, and per client address; past a few free attempts each further
 * one must wait twice as long as the last (up to 15 minutes). A user's own address is never slowed
 * by failures from another.
 */
public final class LoginThrottle {
    private static final int FREE_ATTEMPTS = 5;
    private static final int FREE_ATTEMPTS_PER_ADDRESS = 20;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** Entries untouched this long are forgotten. */
    private static final Duration MEMORY = Duration.ofHours(1);

    private record Failures(int count, Instant last) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** How long this client must wait before it may try this user again; zero when it may now. */
    public Duration wait(String client, String user, Instant now) {
        Duration pair = waitFor(failures.get(client + "\u0000" + user), FREE_ATTEMPTS, now);
        Duration address = waitFor(failures.get(client), FREE_ATTEMPTS_PER_ADDRESS, now);
        return pair.compareTo(address) >= 0 ? pair : address;
    }

    public void failed(String client, String user, Instant now) {
        forgetOld(now);
        failures.merge(client + "\u0000" + user, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        failures.merge(client, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
    }

    public void succeeded(String client, String user) {
        failures.remove(client + "\u0000" + user);
    }

    private static Duration waitFor(Failures f, int free, Instant now) {
        if (f == null || f.count() < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(f.count() - free, 20);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        Instant until = f.last().plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    private void forgetOld(Instant now) {
        if (failures.size() > 10_000) {
            failures.values().removeIf(f -> f.last().plus(MEMORY).isBefore(now));
        }
    }
}
