package org.mailpush.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.PushChannel;
import org.mailpush.device.PushChannels;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailSummary;
import org.mailpush.push.Outbox;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.PushTransport;
import org.mailpush.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches a terminal that holds no link through its push channels (Web Push, UnifiedPush, APNs, FCM): each mail,
 * hint or retraction it has not been sent becomes a short notice — the summary and an authenticated
 * fetch link, never the whole mail — on every channel. The delivery stays in the outbox until the
 * terminal connects and acknowledges it; a notice delivered marks it sent, so it is not pushed again.
 *
 * <p>A channel the push service says is gone is removed; a payload too large is sent again without
 * its preview; when no channel took a mail, the plan falls over to its next choice, and the delivery
 * keeps the failure and waits for the link: it is not pushed again with each later mail, whose
 * notices would otherwise repeat every earlier failure against a broken push service.
 */
final class ChannelCourier {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelCourier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SUBJECT = 200;
    private static final int MAX_FROM = 200;
    private static final int MAX_PREVIEW = 500;
    private static final int MAX_NAMES = 5;
    /**
     * The newest deliveries pushed at one time: a phone that gains a channel after a month away gets
     * notices for its latest mail, not for all of it (the rest waits for its link).
     */
    static final int MAX_NOTICES = 20;

    /** What becomes of a mail or hint pushed to a terminal's channels. */
    interface Outcomes {
        /** No channel took the mail: it falls over to the plan's next choice. */
        void unreached(UserId owner, MailId mail, DeviceId device);

        /** The mail went out by these channels, as people name them ("FULL by APNs"). */
        void reached(UserId owner, MailId mail, DeviceId device, String how);
    }

    private final Outbox outbox;
    private final MailStore mails;
    private final DeviceRegistry devices;
    private final PushChannels channels;
    private final PushTransport transport;
    private final Outcomes outcomes;
    private final InstantSource clock;
    private final Duration ttl;
    /** The deliveries being pushed now, "device/seq", so that a second flush does not push them twice. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    ChannelCourier(Outbox outbox, MailStore mails, DeviceRegistry devices, PushChannels channels, PushTransport transport,
            Outcomes outcomes, InstantSource clock, Duration ttl) {
        this.outbox = outbox;
        this.mails = mails;
        this.devices = devices;
        this.channels = channels;
        this.transport = transport;
        this.outcomes = outcomes;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Pushes to the device's channels what it has never been sent; nothing when it has no channel. */
    void push(DeviceId id) {
        List<PushChannel> mine = channels.of(id);
        Optional<Device> device = devices.find(id);
        if (mine.isEmpty() || device.isEmpty()) {
            return;
        }
        for (OutboxEntry entry : outbox.unsent(id, MAX_NOTICES)) {
            if (inFlight.add(id + "/" + entry.seq())) {
                notice(entry, device.get()).ifPresentOrElse(
                        notice -> send(device.get(), entry, mine, notice),
                        () -> inFlight.remove(id + "/" + entry.seq()));
            }
        }
    }

    private void send(Device device, OutboxEntry entry, List<PushChannel> mine, Notice notice) {
        List<CompletableFuture<Optional<String>>> sent = mine.stream().map(channel -> sendTo(channel, notice)).toList();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            try {
                List<Optional<String>> failures = sent.stream()
                        .map(f -> f.isCompletedExceptionally() ? Optional.of("the transport failed") : f.join()).toList();
                List<String> took = IntStream.range(0, mine.size()).filter(i -> failures.get(i).isEmpty())
                        .mapToObj(i -> mine.get(i).kind().word()).distinct().toList();
                if (!took.isEmpty()) {
                    outbox.sent(device.id(), entry.seq(), clock.instant());
                    reached(device, entry.payload(), String.join(" and ", took));
                    return;
                }
                String reasons = String.join("; ", failures.stream().map(Optional::orElseThrow).toList());
                outbox.failed(device.id(), entry.seq(), reasons, clock.instant());
                if (entry.payload() instanceof Payload.Full full) {
                    outcomes.unreached(device.owner(), full.mail(), device.id());
                }
            } catch (RuntimeException e) {
                LOG.warn("after pushing delivery {} to {}: {}", entry.seq(), device.id(), e.getMessage(), e);
            } finally {
                inFlight.remove(device.id() + "/" + entry.seq());
            }
        });
    }

    /** A mail taken by a channel goes into its plan's reasons: "phone: FULL by APNs" (a hint's delivery says it is sent). */
    private void reached(Device device, Payload payload, String channels) {
        if (payload instanceof Payload.Full full) {
            outcomes.reached(device.owner(), full.mail(), device.id(), "FULL by " + channels);
        }
    }

    /** Empty when the channel took the notice, else why not: once as it is, once more without its preview when too large. */
    private CompletableFuture<Optional<String>> sendTo(PushChannel channel, Notice notice) {
        return send(channel, notice.message(true))
                .thenCompose(outcome -> outcome instanceof PushOutcome.TooLarge
                        ? send(channel, notice.message(false))
                        : CompletableFuture.completedFuture(outcome))
                .thenApply(outcome -> taken(channel, outcome));
    }

    /** The transport's outcome; a transport that throws (one closed as the server stops, say) has failed. */
    private CompletableFuture<PushOutcome> send(PushChannel channel, PushMessage message) {
        try {
            return transport.send(channel, message).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed(e.getMessage()));
        }
    }

    /** Empty when the channel took it, else why not; the outcome is kept with the channel. */
    private Optional<String> taken(PushChannel channel, PushOutcome outcome) {
        Optional<String> failure = failure(channel, outcome);
        if (!(outcome instanceof PushOutcome.Gone)) {
            channels.outcome(channel, failure, clock.instant());
        }
        return failure;
    }

    private Optional<String> failure(PushChannel channel, PushOutcome outcome) {
        String where = where(channel);
        return switch (outcome) {
            case PushOutcome.Delivered delivered -> Optional.empty();
            case PushOutcome.Gone gone -> {
                LOG.info("push channel of {} ({}) is gone ({}); removed", channel.device(), where, gone.reason());
                channels.remove(channel.device(), channel.endpoint());
                yield Optional.of(where + ": gone, " + gone.reason());
            }
            case PushOutcome.TooLarge large -> {
                LOG.warn("push channel of {} ({}) refused even the short notice: {}", channel.device(), where, large.reason());
                yield Optional.of(where + ": too large, " + large.reason());
            }
            case PushOutcome.Failed failed -> {
                LOG.warn("push to {} ({}) failed: {}", channel.device(), where, failed.reason());
                yield Optional.of(where + ": " + failed.reason());
            }
        };
    }

    /** "Web Push at fcm.googleapis.com"; for an APNs, FCM or SMS channel the kind alone, as its token or number is not shown in logs. */
    private static String where(PushChannel channel) {
        String host = channel.endpoint().getHost();
        return host != null ? channel.kind().word() + " at " + host : channel.kind().word();
    }

    private Optional<Notice> notice(OutboxEntry entry, Device device) {
        return switch (entry.payload()) {
            case Payload.Full full -> mails.find(device.owner(), full.mail())
                    .map(mail -> new Notice("mail", entry.seq(), full.mail(), mail.summary(), List.of(), urgency(mail.summary()), ttl));
            case Payload.Hint hint -> mails.find(device.owner(), hint.mail())
                    .map(mail -> new Notice("hint", entry.seq(), hint.mail(), mail.summary(), names(hint.pushedTo()),
                            PushMessage.Urgency.LOW, ttl));
            case Payload.Retract retract -> Optional.of(new Notice("retract", entry.seq(), retract.mail(), null, List.of(),
                    PushMessage.Urgency.NORMAL, ttl));
            case Payload.FlagsChanged flags -> Optional.empty();
            case Payload.PolicyChanged changed -> Optional.empty();
        };
    }

    private List<String> names(List<DeviceId> pushedTo) {
        return pushedTo.stream().map(id -> devices.find(id).map(Device::name).orElse(id.value())).toList();
    }

    private static PushMessage.Urgency urgency(MailSummary summary) {
        return switch (summary.importance()) {
            case HIGH -> PushMessage.Urgency.HIGH;
            case NORMAL -> PushMessage.Urgency.NORMAL;
            case LOW -> PushMessage.Urgency.LOW;
        };
    }

    /** One delivery as a push notice; {@code summary} is null for a retraction. */
    private record Notice(String type, long seq, MailId mail, MailSummary summary, List<String> pushedTo,
            PushMessage.Urgency urgency, Duration ttl) {

        /** The JSON the service worker reads (docs/transports.md); with the preview, or the shorter form without. */
        PushMessage message(boolean withPreview) {
            ObjectNode json = JSON.createObjectNode();
            json.put("type", type);
            json.put("mail", mail.toString());
            json.put("seq", seq);
            if (summary != null) {
                json.put("from", cut(summary.sender(), MAX_FROM));
                json.put("subject", cut(summary.subject(), MAX_SUBJECT));
                if (withPreview && type.equals("mail")) {
                    // A hint is short, as on the link: who and what, not the text.
                    json.put("preview", cut(summary.preview(), MAX_PREVIEW));
                }
                json.put("importance", summary.importance().name().toLowerCase(Locale.ROOT));
                json.put("pictures", summary.pictures());
            }
            if (!pushedTo.isEmpty()) {
                ArrayNode names = json.putArray("pushedTo");
                pushedTo.stream().limit(MAX_NAMES).forEach(names::add);
            }
            if (type.equals("mail")) {
                json.put("fetch", LinkEndpoints.fetchPath(mail));
            }
            json.put("url", "/terminal.html#mail-" + mail);
            byte[] payload = json.toString().getBytes(StandardCharsets.UTF_8);
            if (payload.length > PushMessage.MAX_PAYLOAD_BYTES && withPreview) {
                return message(false);
            }
            return new PushMessage(payload, ttl, urgency, "mail-" + mail);
        }

        private static String cut(String text, int most) {
            return text.length() <= most ? text : text.substring(0, most - 1) + "…";
        }
    }
}
