package org.mailpush.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What every {@link Outbox} does. Each test first registers the devices in {@link #devices()}, and
 * their owner in {@link #users()}, as a store that keeps devices and their deliveries together
 * requires.
 */
public interface OutboxContract {
    UserId ALICE = new UserId("alice");
    DeviceId PHONE = new DeviceId("phone");
    DeviceId LAPTOP = new DeviceId("laptop");
    /** Sorts before {@link #LAPTOP} by character code, after it in many collations. */
    DeviceId TABLET = new DeviceId("Tablet");
    MailId MAIL = new MailId(41);
    MailId OTHER_MAIL = new MailId(42);
    Instant QUEUED = Instant.parse("2025-06-02T12:00:00Z");

    /** The outbox under test: empty at the start of each test, the same instance within it. */
    Outbox outbox();

    /** The registry the devices live in, the same instance within a test. */
    DeviceRegistry devices();

    /** The directory the devices' owner lives in, the same instance within a test. */
    UserDirectory users();

    private void addDevices() {
        users().add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.com"))));
        for (DeviceId id : List.of(PHONE, LAPTOP, TABLET)) {
            devices().save(new Device(id, ALICE, id.value(), DeviceType.PHONE, Capabilities.FULL, List.of(new DeviceAddress.Link())));
        }
    }

    private static OutboxEntry.Addressed to(DeviceId device, Payload payload) {
        return new OutboxEntry.Addressed(device, payload);
    }

    private static Instant later(int seconds) {
        return QUEUED.plusSeconds(seconds);
    }

    /** Appends {@code count} full mails (ids 1, 2, ...) to the device. */
    private List<OutboxEntry> appendMails(DeviceId device, int count) {
        List<OutboxEntry.Addressed> deliveries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            deliveries.add(to(device, new Payload.Full(new MailId(i))));
        }
        return outbox().append(deliveries, QUEUED);
    }

    private static List<Long> seqs(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::seq).toList();
    }

    @Test
    default void appendNumbersEachDevicesDeliveriesFromOneInTheOrderGiven() {
        addDevices();

        List<OutboxEntry> appended = outbox().append(List.of(
                to(PHONE, new Payload.Full(MAIL)),
                to(LAPTOP, new Payload.Hint(MAIL, List.of(PHONE))),
                to(PHONE, new Payload.FlagsChanged(OTHER_MAIL, new MailFlags(true, false, false)))), QUEUED);

        assertThat(appended).containsExactly(
                new OutboxEntry(PHONE, 1, new Payload.Full(MAIL), QUEUED, Optional.empty(), Optional.empty(), 0),
                new OutboxEntry(LAPTOP, 1, new Payload.Hint(MAIL, List.of(PHONE)), QUEUED, Optional.empty(), Optional.empty(), 0),
                new OutboxEntry(PHONE, 2, new Payload.FlagsChanged(OTHER_MAIL, new MailFlags(true, false, false)), QUEUED,
                        Optional.empty(), Optional.empty(), 0));
        assertThat(outbox().unacknowledged(PHONE)).containsExactly(appended.get(0), appended.get(2));
        assertThat(outbox().unacknowledged(LAPTOP)).containsExactly(appended.get(1));
    }

    @Test
    default void appendingNothingQueuesNothing() {
        addDevices();

        assertThat(outbox().append(List.of(), QUEUED)).isEmpty();

        assertThat(outbox().unacknowledged(PHONE)).isEmpty();
    }

    @Test
    default void sequenceNumbersContinueAcrossAppendsAndAcknowledgements() {
        addDevices();
        appendMails(PHONE, 2);
        outbox().acknowledge(PHONE, 2, later(1));

        List<OutboxEntry> more = appendMails(PHONE, 2);

        assertThat(seqs(more)).containsExactly(3L, 4L);
        assertThat(seqs(outbox().unacknowledged(PHONE))).containsExactly(3L, 4L);
    }

    @Test
    default void everyKindOfPayloadReadsBackAsAppended() {
        addDevices();
        List<Payload> payloads = List.of(
                new Payload.Full(MAIL),
                new Payload.Hint(MAIL, List.of(LAPTOP, TABLET)),
                new Payload.Hint(OTHER_MAIL, List.of()),
                new Payload.FlagsChanged(MAIL, new MailFlags(true, true, true)),
                new Payload.FlagsChanged(MAIL, MailFlags.NEW),
                new Payload.FlagsChanged(MAIL, new MailFlags(false, true, false)),
                new Payload.Retract(MAIL),
                new Payload.PolicyChanged());

        List<OutboxEntry> appended = outbox().append(payloads.stream().map(p -> to(PHONE, p)).toList(), QUEUED);

        assertThat(appended).extracting(OutboxEntry::payload).containsExactlyElementsOf(payloads);
        assertThat(outbox().unacknowledged(PHONE)).containsExactlyElementsOf(appended);
    }

    @Test
    default void aDeviceWithoutDeliveriesHasNothingUnacknowledged() {
        addDevices();
        appendMails(PHONE, 1);

        assertThat(outbox().unacknowledged(LAPTOP)).isEmpty();
        assertThat(outbox().unacknowledged(new DeviceId("never-registered"))).isEmpty();
    }

    @Test
    default void sentRecordsTheLastSendTimeAndCountsTheAttempts() {
        addDevices();
        List<OutboxEntry> appended = appendMails(PHONE, 2);

        outbox().sent(PHONE, 1, later(1));
        outbox().sent(PHONE, 1, later(30));

        OutboxEntry first = appended.get(0);
        assertThat(outbox().unacknowledged(PHONE)).containsExactly(
                new OutboxEntry(PHONE, 1, first.payload(), QUEUED, Optional.of(later(30)), Optional.empty(), 2),
                appended.get(1));
    }

    @Test
    default void aFailedPushKeepsItsReasonUntilTheDeliveryIsSentOrAcknowledged() {
        addDevices();
        appendMails(PHONE, 2);

        outbox().failed(PHONE, 1, "the push service answered 500", later(1));
        outbox().failed(PHONE, 2, "no channel took it", later(1));
        outbox().failed(LAPTOP, 1, "unknown delivery", later(1));

        assertThat(outbox().unacknowledged(PHONE)).extracting(OutboxEntry::failure)
                .containsExactly(Optional.of("the push service answered 500"), Optional.of("no channel took it"));
        outbox().sent(PHONE, 1, later(2));
        outbox().acknowledge(PHONE, 1, later(3));
        assertThat(outbox().unacknowledged(PHONE)).extracting(OutboxEntry::failure).containsExactly(Optional.of("no channel took it"));
        assertThat(outbox().acknowledge(PHONE, 2, later(4))).extracting(OutboxEntry::failure).containsExactly(Optional.empty());
    }

    @Test
    default void unsentIsTheNewestNeverSentNorFailedNorAcknowledgedInSequenceOrder() {
        addDevices();
        appendMails(PHONE, 7);
        appendMails(LAPTOP, 1);
        outbox().sent(PHONE, 2, later(1));
        outbox().failed(PHONE, 6, "no channel took it", later(1));
        outbox().acknowledge(PHONE, 1, later(2));

        assertThat(seqs(outbox().unsent(PHONE, 3))).containsExactly(4L, 5L, 7L);
        assertThat(seqs(outbox().unsent(PHONE, 10))).containsExactly(3L, 4L, 5L, 7L);
        assertThat(seqs(outbox().unsent(LAPTOP, 10))).containsExactly(1L);
        assertThat(outbox().unsent(new DeviceId("never-registered"), 10)).isEmpty();
    }

    @Test
    default void sentForAnUnknownDeliveryChangesNothing() {
        addDevices();
        List<OutboxEntry> appended = appendMails(PHONE, 1);

        outbox().sent(PHONE, 2, later(1));
        outbox().sent(LAPTOP, 1, later(1));

        assertThat(outbox().unacknowledged(PHONE)).containsExactlyElementsOf(appended);
        assertThat(outbox().unacknowledged(LAPTOP)).isEmpty();
    }

    @Test
    default void acknowledgeIsCumulativeAndReturnsOnlyTheNewlyAcknowledged() {
        addDevices();
        appendMails(PHONE, 4);
        outbox().sent(PHONE, 1, later(1));

        List<OutboxEntry> acknowledged = outbox().acknowledge(PHONE, 2, later(2));

        assertThat(acknowledged).containsExactly(
                new OutboxEntry(PHONE, 1, new Payload.Full(new MailId(1)), QUEUED, Optional.of(later(1)), Optional.of(later(2)), 1),
                new OutboxEntry(PHONE, 2, new Payload.Full(new MailId(2)), QUEUED, Optional.empty(), Optional.of(later(2)), 0));
        assertThat(seqs(outbox().unacknowledged(PHONE))).containsExactly(3L, 4L);
        assertThat(outbox().acknowledge(PHONE, 2, later(3))).isEmpty();
        assertThat(outbox().acknowledge(PHONE, 1, later(3))).isEmpty();
        assertThat(seqs(outbox().acknowledge(PHONE, 100, later(4)))).containsExactly(3L, 4L);
        assertThat(outbox().unacknowledged(PHONE)).isEmpty();
        assertThat(outbox().acknowledge(PHONE, 100, later(5))).isEmpty();
    }

    @Test
    default void acknowledgingOneDeviceLeavesTheOthersAlone() {
        addDevices();
        appendMails(PHONE, 2);
        appendMails(LAPTOP, 2);

        assertThat(outbox().acknowledge(LAPTOP, 0, later(1))).isEmpty();
        assertThat(outbox().acknowledge(LAPTOP, 2, later(1))).hasSize(2);
        assertThat(outbox().acknowledge(new DeviceId("never-registered"), 2, later(1))).isEmpty();

        assertThat(seqs(outbox().unacknowledged(PHONE))).containsExactly(1L, 2L);
    }

    @Test
    default void ofMailListsEveryDeliveryNamingTheMailByDeviceThenSequence() {
        addDevices();
        List<OutboxEntry> appended = outbox().append(List.of(
                to(PHONE, new Payload.Hint(MAIL, List.of(LAPTOP))),
                to(LAPTOP, new Payload.Full(MAIL)),
                to(PHONE, new Payload.Full(OTHER_MAIL)),
                to(TABLET, new Payload.Hint(MAIL, List.of(LAPTOP))),
                to(PHONE, new Payload.PolicyChanged())), QUEUED);
        outbox().acknowledge(LAPTOP, 1, later(1));
        List<OutboxEntry> changes = outbox().append(List.of(
                to(PHONE, new Payload.FlagsChanged(MAIL, new MailFlags(true, false, false))),
                to(LAPTOP, new Payload.Retract(MAIL)),
                to(TABLET, new Payload.Retract(MAIL))), later(2));

        List<OutboxEntry> ofMail = outbox().ofMail(MAIL);

        assertThat(ofMail).extracting(e -> e.device().value() + "#" + e.seq())
                .containsExactly("Tablet#1", "Tablet#2", "laptop#1", "laptop#2", "phone#1", "phone#4");
        assertThat(ofMail.get(2).acknowledged()).isTrue();
        assertThat(ofMail.get(5)).isEqualTo(changes.get(0));
        assertThat(outbox().ofMail(OTHER_MAIL)).containsExactly(appended.get(2));
        assertThat(outbox().ofMail(new MailId(999))).isEmpty();
    }

    @Test
    default void concurrentAppendsForOneDeviceGetDistinctConsecutiveSequenceNumbers() throws Exception {
        addDevices();
        int total = 400;
        List<Callable<List<OutboxEntry>>> appends = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            var deliveries = concurrentDeliveries(i);
            appends.add(() -> outbox().append(deliveries, QUEUED));
        }

        List<List<OutboxEntry>> results = runConcurrently(8, appends);

        List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
        for (DeviceId device : List.of(PHONE, LAPTOP)) {
            List<Long> given = results.stream().flatMap(List::stream).filter(e -> e.device().equals(device))
                    .map(OutboxEntry::seq).sorted().toList();
            assertThat(given).as("sequence numbers given to " + device).containsExactlyElementsOf(expected);
            assertThat(seqs(outbox().unacknowledged(device))).as("sequence numbers kept for " + device)
                    .containsExactlyElementsOf(expected);
        }
        for (int i = 0; i < total; i++) {
            // Each append got what it asked for, in its order, and the store kept exactly that.
            List<OutboxEntry> appended = results.get(i);
            assertThat(appended).extracting(OutboxEntry::payload)
                    .containsExactlyElementsOf(concurrentDeliveries(i).stream().map(OutboxEntry.Addressed::payload).toList());
            assertThat(outbox().ofMail(new MailId(i + 1))).containsExactlyInAnyOrderElementsOf(appended);
        }
    }

    /** The {@code i}th append of the concurrency test: mail i + 1 to the phone, a hint to the laptop; every other one the other way round. */
    private static List<OutboxEntry.Addressed> concurrentDeliveries(int i) {
        var mail = new MailId(i + 1);
        List<OutboxEntry.Addressed> deliveries = new ArrayList<>(List.of(
                to(PHONE, new Payload.Full(mail)), to(LAPTOP, new Payload.Hint(mail, List.of(PHONE)))));
        if (i % 2 == 1) {
            Collections.reverse(deliveries);
        }
        return deliveries;
    }

    @Test
    default void concurrentAcknowledgementsReportEachEntryOnce() throws Exception {
        addDevices();
        appendMails(PHONE, 300);
        List<Long> upTos = new ArrayList<>(LongStream.rangeClosed(1, 60).map(n -> n * 5).boxed().toList());
        Collections.shuffle(upTos, new Random(3));
        List<Callable<List<OutboxEntry>>> acknowledgements = upTos.stream()
                .<Callable<List<OutboxEntry>>>map(upTo -> () -> outbox().acknowledge(PHONE, upTo, later(1)))
                .toList();

        List<List<OutboxEntry>> results = runConcurrently(8, acknowledgements);

        assertThat(results.stream().flatMap(List::stream).map(OutboxEntry::seq).sorted().toList())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
        assertThat(outbox().unacknowledged(PHONE)).isEmpty();
    }

    /** Runs the tasks on {@code threads} threads that start together; their results in the tasks' order. */
    private static <T> List<T> runConcurrently(int threads, List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void entriesKeepTheirTimesToTheMicrosecond() {
        addDevices();
        Instant precise = Instant.parse("2025-06-02T12:00:00.123456Z");

        List<OutboxEntry> appended = outbox().append(List.of(to(PHONE, new Payload.Full(MAIL))), precise);
        outbox().sent(PHONE, 1, precise.plus(Duration.ofNanos(1000)));

        assertThat(outbox().unacknowledged(PHONE)).singleElement().satisfies(entry -> {
            assertThat(entry.queuedAt()).isEqualTo(appended.getFirst().queuedAt()).isEqualTo(precise);
            assertThat(entry.sentAt()).contains(precise.plus(Duration.ofNanos(1000)));
        });
    }
}
