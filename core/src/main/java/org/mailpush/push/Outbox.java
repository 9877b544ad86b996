package org.mailpush.push;

import java.time.Instant;
import java.util.List;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailId;

/**
 * Every terminal's deliveries, durable until acknowledged (SPEC X1): each device has its own sequence
 * counting up from 1; acknowledgements are cumulative. Implementations are safe for concurrent use.
 */
public interface Outbox {

    /** Queues each payload for its device with the device's next sequence number, atomically. */
    List<OutboxEntry> append(List<OutboxEntry.Addressed> deliveries, Instant now);

    /** The device's deliveries not yet acknowledged, in sequence order. */
    List<OutboxEntry> unacknowledged(DeviceId device);

    /** Records that a delivery was (re)sent. */
    void sent(DeviceId device, long seq, Instant now);

    /** Acknowledges {@code upTo} and every earlier delivery; returns those newly acknowledged. */
    List<OutboxEntry> acknowledge(DeviceId device, long upTo, Instant now);

    /** Every delivery made for a mail (full mail, hints, flags, retractions), by device and sequence. */
    List<OutboxEntry> ofMail(MailId mail);
}
