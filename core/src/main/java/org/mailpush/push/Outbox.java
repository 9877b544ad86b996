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

    /**
     * Queues each payload for its device with the device's next sequence number, all or none; the
     * entries in the order of the deliveries. Concurrent appends for one device never share a
     * sequence number nor leave a gap. A store that keeps devices and their deliveries together
     * drops the deliveries for a device not in the {@link org.mailpush.device.DeviceRegistry} (one
     * removed meanwhile; they are not among the entries returned), and a removed device's entries
     * go with it.
     */
    List<OutboxEntry> append(List<OutboxEntry.Addressed> deliveries, Instant now);

    /** The device's deliveries not yet acknowledged, in sequence order. */
    List<OutboxEntry> unacknowledged(DeviceId device);

    /**
     * The device's newest {@code most} deliveries never sent, never failed and not acknowledged, in
     * sequence order: what its push channels have not been told, read without the rest of its outbox.
     */
    List<OutboxEntry> unsent(DeviceId device, int most);

    /** Records that a delivery was (re)sent: its send time, and one attempt more. Nothing for an unknown delivery. */
    void sent(DeviceId device, long seq, Instant now);

    /**
     * Records why pushing a delivery through the terminal's push channels failed (the transport's
     * reason), until it is sent or acknowledged. Nothing for an unknown delivery.
     */
    void failed(DeviceId device, long seq, String reason, Instant now);

    /**
     * Acknowledges {@code upTo} and every earlier delivery; returns those newly acknowledged, in
     * sequence order. Of concurrent acknowledgements, exactly one returns each entry.
     */
    List<OutboxEntry> acknowledge(DeviceId device, long upTo, Instant now);

    /** Every delivery made for a mail (full mail, hints, flags, retractions), by device and sequence. */
    List<OutboxEntry> ofMail(MailId mail);
}
