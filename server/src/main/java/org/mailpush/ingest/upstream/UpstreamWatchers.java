package org.mailpush.ingest.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one watcher per upstream account, each on a thread of its own, and starts or stops watchers
 * as accounts are added or removed. Safe for concurrent use.
 *
 * <p>Watchers run on virtual threads on Java 24 and later. Before Java 24 a virtual thread that
 * blocks in a socket read inside a {@code synchronized} block, as Angus Mail's IDLE does, pins its
 * carrier (JEP 491), and a few idle accounts would starve every other virtual thread of the server;
 * there each watcher gets a platform thread instead.
 */
public final class UpstreamWatchers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpstreamWatchers.class);
    /** How long stopping waits for a watcher to finish the mail it is storing. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private record Running(UpstreamWatcher watcher, Thread thread) {
    }

    private final UpstreamAccounts accounts;
    private final WatcherFactory factory;
    private final Map<UpstreamAccountId, Running> running = new LinkedHashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    public UpstreamWatchers(UpstreamAccounts accounts, WatcherFactory factory) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Watches every account there is now. */
    public synchronized void start() {
        accounts.list().forEach(this::watch);
    }

    /**
     * Starts watching an account.
     *
     * @return false when the account is watched already
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized boolean watch(UpstreamAccount account) {
        if (closed) {
            throw new IllegalStateException("upstream watchers are closed; cannot watch account " + account.id());
        }
        if (running.containsKey(account.id())) {
            return false;
        }
        UpstreamWatcher watcher = factory.create(account);
        Thread thread = threads().name("upstream-" + account.id()).start(watcher::run);
        running.put(account.id(), new Running(watcher, thread));
        log.info("watching {} for {}", account.server().describe(), account.owner());
        return true;
    }

    /**
     * Stops watching an account and waits, briefly, for its watcher to finish the mail in hand.
     *
     * @return false when the account was not watched
     */
    public boolean unwatch(UpstreamAccountId id) {
        Running stopped;
        synchronized (this) {
            stopped = running.remove(id);
        }
        if (stopped == null) {
            return false;
        }
        stopped.watcher().close();
        await(stopped);
        return true;
    }

    /** The status of an account's watcher; empty when the account is not watched. */
    public synchronized Optional<WatcherStatus> status(UpstreamAccountId id) {
        return Optional.ofNullable(running.get(id)).map(r -> r.watcher().status());
    }

    /** The status of every watcher, by account. */
    public synchronized Map<UpstreamAccountId, WatcherStatus> statuses() {
        Map<UpstreamAccountId, WatcherStatus> statuses = new LinkedHashMap<>();
        running.forEach((id, r) -> statuses.put(id, r.watcher().status()));
        return statuses;
    }

    /** Stops every watcher; waits for them together, not one after the other. */
    @Override
    public void close() {
        List<Running> stopping;
        synchronized (this) {
            closed = true;
            stopping = new ArrayList<>(running.values());
            running.clear();
        }
        stopping.forEach(r -> r.watcher().close());
        stopping.forEach(UpstreamWatchers::await);
    }

    private static void await(Running stopping) {
        try {
            if (!stopping.thread().join(STOP_WAIT)) {
                log.warn("{}: watcher still busy {} after it was stopped; leaving it to finish",
                        stopping.watcher().account().server().describe(), STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread.Builder threads() {
        return Runtime.version().feature() >= 24 ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
    }
}
