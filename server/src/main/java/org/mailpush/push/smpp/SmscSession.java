package org.mailpush.push.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one bound session with the SMSC, kept up: bound on start, checked with {@code enquire_link},
 * bound again after a loss with a doubling wait. Senders wait for it; they never open one.
 */
final class SmscSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmscSession.class);

    private final SmppSettings settings;
    private final MessageReceiverListener receipts;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread keeper;
    private SMPPSession session;
    private boolean closed;

    SmscSession(SmppSettings settings, MessageReceiverListener receipts) {
        this.settings = settings;
        this.receipts = receipts;
        this.keeper = Thread.ofVirtual().name("smpp-session").start(this::keep);
    }

    /** The bound session, waiting at most {@code wait} for one; empty when the SMSC is away. */
    Optional<SMPPSession> await(Duration wait) throws InterruptedException {
        long nanos = wait.toNanos();
        lock.lock();
        try {
            while (!closed && !bound(session) && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return bound(session) && !closed ? Optional.of(session) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** A sender saw the session fail: it is dropped and bound again. */
    void lost(SMPPSession failed) {
        lock.lock();
        try {
            if (session == failed) {
                LOG.warn("the SMPP session with {}:{} ended; binding again", settings.smsc().host(), settings.smsc().port());
                session = null;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        failed.close();
    }

    private void keep() {
        int failures = 0;
        while (true) {
            lock.lock();
            try {
                while (!closed && bound(session)) {
                    changed.await();
                }
                if (closed) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                SMPPSession bound = bind();
                failures = 0;
                lock.lock();
                try {
                    if (closed) {
                        bound.unbindAndClose();
                        return;
                    }
                    session = bound;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            } catch (IOException e) {
                failures++;
                Duration wait = settings.timing().backoff(failures);
                LOG.warn("cannot bind to the SMSC {}:{} ({}); again in {}", settings.smsc().host(), settings.smsc().port(),
                        e.getMessage(), wait);
                if (!pause(wait)) {
                    return;
                }
            }
        }
    }

    private SMPPSession bind() throws IOException {
        SmppSettings.Smsc smsc = settings.smsc();
        var session = new SMPPSession();
        session.setEnquireLinkTimer((int) settings.timing().enquireLink().toMillis());
        session.setTransactionTimer(settings.timing().responseTimeout().toMillis());
        if (settings.receipts()) {
            session.setMessageReceiverListener(receipts);
        }
        session.addSessionStateListener((now, before, source) -> {
            if (!now.isBound() && before.isBound()) {
                lost(session);
            }
        });
        BindType type = settings.receipts() ? BindType.BIND_TRX : BindType.BIND_TX;
        try {
            session.connectAndBind(smsc.host(), smsc.port(), new BindParameter(type, smsc.systemId(), smsc.password().value(),
                    smsc.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                    settings.timing().responseTimeout().toMillis());
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        LOG.info("bound to the SMSC {}:{} as {} ({})", smsc.host(), smsc.port(), smsc.systemId(), type);
        return session;
    }

    /** Waits, unless closed first; whether it is still open. */
    private boolean pause(Duration wait) {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (!closed && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return !closed;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private static boolean bound(SMPPSession session) {
        return session != null && session.getSessionState() == SessionState.BOUND_TX
                || session != null && session.getSessionState() == SessionState.BOUND_TRX;
    }

    @Override
    public void close() {
        SMPPSession last;
        lock.lock();
        try {
            closed = true;
            last = session;
            session = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (last != null) {
            last.unbindAndClose();
        }
        try {
            keeper.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
