package org.mailpush.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Slows down password guessing without letting an attacker lock everyone out. Attempts are counted
 * per client address and account, per client address, and per account; past a few free attempts each
 * further one must wait twice as long as the last (up to 15 minutes). An attempt is counted when it is
 * admitted ({@link #reserve}), before the password is checked, so that a burst of concurrent guesses
 * gets no more checks than a sequence would; a success takes its own count back.
 *
 * <p>The client address is the one the request came from, or the one a trusted proxy names (see
 * {@code http.trusted-proxies}): behind a proxy, clients are still told apart. One account under
 * attack from many addresses is slowed after {@value #FREE_ATTEMPTS_PER_ACCOUNT} failures; other
 * accounts, and other clients of other accounts, are not.
 */
public final class LoginThrottle {
    private static final int FREE_ATTEMPTS = 5;
    private static final int FREE_ATTEMPTS_PER_ADDRESS = 20;
    private static final int FREE_ATTEMPTS_PER_ACCOUNT = 50;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** Entries untouched this long are forgotten. */
    private static final Duration MEMORY = Duration.ofHours(1);
    /**
     * The most counters kept: an attacker with many addresses, or naming many users, adds three an
     * attempt. Past it the least recently touched go first; a counter that holds anyone back is touched.
     */
    static final int MAX_ENTRIES = 100_000;
    /** The longest user name a counter keeps: what a client sends as one may be as long as a request. */
    private static final int MAX_NAME = 256;
    private static final int FIRST_PRUNE = 10_000;

    private record Failures(int count, Instant last) {}

    /** One counter: what it counts and how many attempts it lets through free. */
    private record Key(String name, int free) {}

    /** Guarded by {@code this}: admitting an attempt reads and counts several keys at once. */
    private final Map<String, Failures> failures = new HashMap<>();
    /** The size at which old counters are looked for next: doubles, so that the scans cost O(1) an attempt. */
    private int nextPrune = FIRST_PRUNE;

    /** How long this client must wait before it may try this account again; zero when it may now. */
    public synchronized Duration wait(String client, String user, Instant now) {
        Duration longest = Duration.ZERO;
        for (Key key : keys(client, user)) {
            Duration wait = waitFor(failures.get(key.name()), key.free(), now);
            longest = wait.compareTo(longest) > 0 ? wait : longest;
        }
        return longest;
    }

    /**
     * Admits one attempt when no wait stands in its way, counting it as failed until it
     * {@link #succeeded}; otherwise counts nothing.
     *
     * @return zero when the attempt is admitted, else how long to wait before the next one
     */
    public synchronized Duration reserve(String client, String user, Instant now) {
        Duration wait = wait(client, user, now);
        if (!wait.isZero()) {
            return wait;
        }
        forgetOld(now);
        for (Key key : keys(client, user)) {
            failures.merge(key.name(), new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
        return Duration.ZERO;
    }

    /** The attempt admitted last was right: the pair starts afresh, and the address and account take it back. */
    public synchronized void succeeded(String client, String user) {
        List<Key> keys = keys(client, user);
        failures.remove(keys.getFirst().name());
        for (Key key : keys.subList(1, keys.size())) {
            failures.computeIfPresent(key.name(), (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.last()));
        }
    }

    private static List<Key> keys(String client, String rawUser) {
        String user = rawUser.length() > MAX_NAME ? rawUser.substring(0, MAX_NAME) : rawUser;
        return List.of(new Key("pair\u0000" + client + "\u0000" + user, FREE_ATTEMPTS),
                new Key("address\u0000" + client, FREE_ATTEMPTS_PER_ADDRESS),
                new Key("account\u0000" + user, FREE_ATTEMPTS_PER_ACCOUNT));
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
        if (failures.size() < nextPrune) {
            return;
        }
        failures.values().removeIf(f -> f.last().plus(MEMORY).isBefore(now));
        if (failures.size() > MAX_ENTRIES - 3) {
            // Down to three quarters, so that this sort comes again only after many more attempts.
            List<String> oldest = failures.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(Failures::last)))
                    .limit(failures.size() - MAX_ENTRIES * 3L / 4).map(Map.Entry::getKey).toList();
            oldest.forEach(failures::remove);
        }
        nextPrune = Math.min(MAX_ENTRIES - 3, Math.max(FIRST_PRUNE, 2 * failures.size()));
    }

    /** How many counters are kept, for tests. */
    synchronized int size() {
        return failures.size();
    }
}
