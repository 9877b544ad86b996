package org.mailpush.push.smpp;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.mailpush.upstream.Secret;

/**
 * The SMPP transport's settings (docs/transports.md, "SMS and WAP Push").
 *
 * @param smsc        the carrier's SMSC and the account on it
 * @param limits      how much the transport asks of the SMSC at once
 * @param timing      keep-alive, answers, and the waits between attempts
 * @param publicUrl   the server's address as phones reach it; a WAP Push link is made absolute against
 *                    it, and without it a {@code wap=si} channel gets the plain text
 * @param concatenate whether a text longer than one message goes as a concatenated message (up to
 *                    {@value TextSms#MAX_PARTS} parts) rather than being cut
 * @param receipts    bind as a transceiver and ask for delivery receipts, which are logged; else
 *                    bind as a transmitter and ask for none
 */
public record SmppSettings(Smsc smsc, Limits limits, Timing timing, Optional<URI> publicUrl, boolean concatenate, boolean receipts) {

    public SmppSettings {
        Objects.requireNonNull(smsc, "smsc");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(publicUrl, "publicUrl");
        publicUrl.filter(url -> !url.isAbsolute() || url.getHost() == null).ifPresent(url -> {
            throw new IllegalArgumentException("the public URL is absolute with a host, got '" + url + "'");
        });
    }

    /**
     * The SMSC and the ESME account (SMPP 3.4 §4.1.1, bind_transmitter).
     *
     * @param sourceAddress the sender phones see: an international number {@code +4917…} or up to 11
     *                      letters and digits (alphanumeric, if the carrier allows it)
     */
    public record Smsc(String host, int port, String systemId, Secret password, String systemType, String sourceAddress) {
        public Smsc {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(systemType, "systemType");
            if (host.isBlank()) {
                throw new IllegalArgumentException("the SMSC's host is not empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the SMSC's port is 1-65535, got " + port);
            }
            if (systemId == null || systemId.isEmpty() || systemId.length() > 15) {
                throw new IllegalArgumentException("system_id is 1-15 characters");
            }
            if (password.value().length() > 8 || systemType.length() > 12) {
                throw new IllegalArgumentException("the SMPP password is at most 8 characters and system_type at most 12");
            }
            if (sourceAddress == null || !(sourceAddress.matches("\\+?[0-9]{1,20}") || sourceAddress.matches("[A-Za-z0-9 ]{1,11}"))) {
                throw new IllegalArgumentException("the source address is a number or 1-11 letters and digits, got '" + sourceAddress + "'");
            }
        }
    }

    /**
     * @param maxInFlight submits waiting for their response at once: the SMSC's window
     * @param rate        submits a second at most
     * @param queue       messages waiting at most, for the window, the rate or the SMSC; more are Failed at once
     */
    public record Limits(int maxInFlight, double rate, int queue) {
        public static final Limits DEFAULTS = new Limits(10, 10, 1000);

        public Limits {
            if (maxInFlight < 1 || queue < 1 || !(rate > 0)) {
                throw new IllegalArgumentException("max-in-flight and the queue are at least 1 and the rate above 0, got "
                        + maxInFlight + ", " + queue + ", " + rate);
            }
        }
    }

    /**
     * @param enquireLink     how often an idle session is checked with enquire_link
     * @param responseTimeout how long a bind or a submit waits for its response
     * @param initialBackoff  the wait after the first failed attempt or bind, doubled after each
     * @param maxBackoff      the longest wait
     * @param maxAttempts     attempts at a message in all, through throttling and the SMSC being away
     */
    public record Timing(Duration enquireLink, Duration responseTimeout, Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
        public static final Timing DEFAULTS = new Timing(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofMinutes(1), 5);

        public Timing {
            for (Duration d : new Duration[] {enquireLink, responseTimeout, initialBackoff, maxBackoff}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("SMPP durations are positive, got " + d);
                }
            }
            if (maxAttempts < 1 || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("at least one attempt, and the longest wait no shorter than the first");
            }
        }

        /** The wait after attempt {@code attempt} (from 1): doubled each time, at most {@link #maxBackoff}. */
        Duration backoff(int attempt) {
            Duration wait = initialBackoff;
            for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) < 0 ? wait : maxBackoff;
        }
    }
}
