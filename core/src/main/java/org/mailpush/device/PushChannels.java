package org.mailpush.device;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The terminals' push channels (Web Push, UnifiedPush, APNs, FCM, SMS, webhooks): how to reach one that
 * holds no link. A channel is known by its endpoint, which belongs to one device; a device has at most
 * {@link #MAX_PER_DEVICE}. Each keeps when it was added and the outcome of its last pushes.
 */
public interface PushChannels {
    /** The most channels a device keeps: a newer subscription beyond that replaces the oldest. */
    int MAX_PER_DEVICE = 4;
    /** Longest failure reason kept, in characters. */
    int MAX_FAILURE_LENGTH = 300;

    /** Adds the channel, or renews it when its endpoint is known (moving it to this device, with no outcome yet). */
    void add(PushChannel channel, Instant now);

    /** The device's channels with their outcomes, oldest first. */
    default List<Listed> listed(DeviceId device) {
        return listed(List.of(device)).getOrDefault(device, List.of());
    }

    /** The channels, with their outcomes, of each of these devices that has any. */
    Map<DeviceId, List<Listed>> listed(Collection<DeviceId> devices);

    /** The device's channels, oldest first. */
    default List<PushChannel> of(DeviceId device) {
        return listed(device).stream().map(Listed::channel).toList();
    }

    /** The channels of each of these devices that has any. */
    default Map<DeviceId, List<PushChannel>> of(Collection<DeviceId> devices) {
        return listed(devices).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(Listed::channel).toList()));
    }

    /** Records a push through the channel: taken, or failed and why; nothing when the channel is gone. */
    void outcome(PushChannel channel, Optional<String> failure, Instant at);

    /** Removes the device's channel with this endpoint; whether there was one. */
    boolean remove(DeviceId device, URI endpoint);

    /**
     * A channel as kept: when it was added, its last success and its last failure with why.
     */
    record Listed(PushChannel channel, Instant added, Optional<Instant> lastSuccess, Optional<Instant> lastFailure,
            Optional<String> failure) {
        public Listed {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(added, "added");
            Objects.requireNonNull(lastSuccess, "lastSuccess");
            Objects.requireNonNull(lastFailure, "lastFailure");
            Objects.requireNonNull(failure, "failure");
        }

        /** A channel just added: no push yet. */
        public static Listed fresh(PushChannel channel, Instant added) {
            return new Listed(channel, added, Optional.empty(), Optional.empty(), Optional.empty());
        }

        /**
         * Whether the channel counts as a way to reach its terminal: its last push did not fail. A new
         * channel works until it fails; a failed one works again once a push through it succeeds.
         */
        public boolean working() {
            return lastFailure.isEmpty() || lastSuccess.map(success -> !success.isBefore(lastFailure.get())).orElse(false);
        }

        /** The same channel after a push at this instant: taken, or failed and why. */
        public Listed after(Optional<String> why, Instant at) {
            return why.isEmpty()
                    ? new Listed(channel, added, Optional.of(at), lastFailure, failure)
                    : new Listed(channel, added, lastSuccess, Optional.of(at), why.map(PushChannels::cut));
        }
    }

    /** A failure reason as kept: at most {@link #MAX_FAILURE_LENGTH} characters. */
    static String cut(String reason) {
        return reason.length() <= MAX_FAILURE_LENGTH ? reason : reason.substring(0, MAX_FAILURE_LENGTH - 1) + "…";
    }
}
