package org.mailpush.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server's readiness: a named check for each thing it needs (the store, its migrations, the SMTP
 * and HTTP listeners). A check expected but not yet registered is "starting"; once the server stops,
 * every answer is "stopping". Safe for concurrent use.
 */
public final class Health {
    /** A check: empty when all is well, else what is wrong, in a few words. */
    @FunctionalInterface
    public interface Check extends Supplier<Optional<String>> {}

    /** The answer to a readiness question: each check's word ("ok" or what is wrong), in the order expected. */
    public record Readiness(boolean ready, Map<String, String> checks) {
        public Readiness {
            checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }
    }

    static final String OK = "ok";

    private final Map<String, Check> checks = new LinkedHashMap<>(); // guarded by this
    private volatile boolean stopping;

    /** @param expected the names of the checks the server registers as it starts */
    public Health(List<String> expected) {
        expected.forEach(name -> checks.put(name, () -> Optional.of("starting")));
    }

    /** Registers (or replaces) the check with this name, e.g. once the component it asks about is up. */
    public synchronized void check(String name, Check check) {
        checks.put(name, check);
    }

    /** From now on the server is not ready: it is stopping. */
    public void stopping() {
        stopping = true;
    }

    /** Runs every check; a check that throws counts as failed with its message. */
    public Readiness readiness() {
        Map<String, Check> now;
        synchronized (this) {
            now = new LinkedHashMap<>(checks);
        }
        Map<String, String> words = new LinkedHashMap<>();
        now.forEach((name, check) -> words.put(name, stopping ? "stopping" : run(check)));
        return new Readiness(words.values().stream().allMatch(OK::equals), words);
    }

    private static String run(Check check) {
        try {
            return check.get().orElse(OK);
        } catch (RuntimeException e) {
            return "check failed: " + e.getMessage();
        }
    }
}
