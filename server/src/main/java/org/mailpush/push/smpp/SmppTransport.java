package org.mailpush.push.smpp;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.bean.DataSm;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.PushTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends push notices to phones as short messages through a carrier's SMSC over SMPP 3.4: a mail or a
 * hint as the text "Mail from &lt;sender&gt;: &lt;subject&gt;", or, for a {@code tel:…;wap=si} channel,
 * as a WAP Push Service Indication carrying the link. A retraction is not sent — a text cannot be
 * taken back — and is reported {@link PushOutcome.Delivered} so that nothing falls over for it.
 *
 * <p>One session is kept bound ({@link SmscSession}); submits stay within the SMSC's window and rate
 * ({@link Throttle}); at most {@code limits.queue} messages wait. A refused destination is
 * {@link PushOutcome.Gone}; throttling, a full queue at the SMSC or the SMSC being away are tried
 * again after a doubling wait, up to {@code timing.maxAttempts} attempts, then
 * {@link PushOutcome.Failed}. The password is never logged.
 */
public final class SmppTransport implements PushTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmppTransport.class);
    private static final int ESME_RINVCMDID = 0x03;

    private final SmppSettings settings;
    private final InstantSource clock;
    private final SmscSession smsc;
    private final Throttle throttle;
    private final Semaphore queue;
    private final AtomicInteger references = new AtomicInteger();
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smpp-", 0).factory());

    /** Starts binding to the SMSC at once; messages sent meanwhile wait for the session. */
    public SmppTransport(SmppSettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        this.throttle = new Throttle(settings.limits().maxInFlight(), settings.limits().rate());
        this.queue = new Semaphore(settings.limits().queue());
        this.smsc = new SmscSession(settings, new Receipts());
    }

    @Override
    public CompletionStage<PushOutcome> send(PushChannel channel, PushMessage message) {
        TelEndpoint phone;
        SmsNotice notice;
        try {
            phone = TelEndpoint.of(channel.endpoint());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new PushOutcome.Gone(e.getMessage()));
        }
        try {
            notice = SmsNotice.of(message.payload());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed(e.getMessage()));
        }
        if (!notice.sent()) {
            return CompletableFuture.completedFuture(new PushOutcome.Delivered());
        }
        List<SmsPart> parts = parts(phone, notice);
        if (!queue.tryAcquire()) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed("the SMS queue is full (" + settings.limits().queue() + ")"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> deliver(phone, parts), executor).whenComplete((outcome, failure) -> queue.release());
        } catch (RuntimeException e) {
            queue.release();
            return CompletableFuture.completedFuture(new PushOutcome.Failed("the SMPP transport is closed"));
        }
    }

    /** The short messages for the notice: a Service Indication when asked for and a link can be made, else the text. */
    List<SmsPart> parts(TelEndpoint phone, SmsNotice notice) {
        int reference = references.getAndIncrement() & 0xFF;
        if (phone.form() == TelEndpoint.Form.SERVICE_INDICATION && settings.publicUrl().isPresent() && !notice.link().isEmpty()) {
            URI href = settings.publicUrl().get().resolve(notice.link());
            var indication = new ServiceIndication(href, "mail-" + notice.mail(), clock.instant(), notice.text());
            return WapPush.parts(WapPush.pdu(reference, indication.wbxml()), reference);
        }
        return TextSms.encode(notice.text(), settings.concatenate(), reference);
    }

    private PushOutcome deliver(TelEndpoint phone, List<SmsPart> parts) {
        SmppSettings.Timing timing = settings.timing();
        String last = "";
        for (int attempt = 1; attempt <= timing.maxAttempts(); attempt++) {
            Duration wait = timing.backoff(attempt);
            try {
                Optional<SMPPSession> session = smsc.await(wait);
                if (session.isEmpty()) {
                    last = "the SMSC " + settings.smsc().host() + ":" + settings.smsc().port() + " is not bound";
                    continue; // the wait for the session was this attempt's backoff
                }
                Optional<PushOutcome> outcome = submit(session.get(), phone, parts);
                if (outcome.isPresent()) {
                    return outcome.get();
                }
                last = "throttled by the SMSC";
            } catch (Transient e) {
                last = e.getMessage();
            } catch (InterruptedException e) {
                return new PushOutcome.Failed("the SMPP transport was closed");
            }
            LOG.debug("SMS to +{}: attempt {} failed ({}); again in {}", phone.number(), attempt, last, wait);
            if (attempt < timing.maxAttempts() && !pause(wait)) {
                return new PushOutcome.Failed("the SMPP transport was closed");
            }
        }
        return new PushOutcome.Failed("gave up after " + timing.maxAttempts() + " attempt(s): " + last);
    }

    /** Submits every part: empty when one was throttled (try again), else the outcome. */
    private Optional<PushOutcome> submit(SMPPSession session, TelEndpoint phone, List<SmsPart> parts)
            throws Transient, InterruptedException {
        for (SmsPart part : parts) {
            throttle.acquire();
            try {
                String id = session.submitShortMessage("", sourceTon(), sourceNpi(), source(), TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN, phone.number(), new ESMClass(part.esmClass()), (byte) 0, (byte) 1, null, null,
                        new RegisteredDelivery(settings.receipts() ? 1 : 0), (byte) 0, DataCodings.newInstance((byte) part.dataCoding()),
                        (byte) 0, part.shortMessage()).getMessageId();
                LOG.debug("SMS to +{} taken by the SMSC as {}", phone.number(), id);
            } catch (NegativeResponseException e) {
                int status = e.getCommandStatus();
                switch (SubmitStatus.of(status)) {
                    case PERMANENT -> {
                        return Optional.of(new PushOutcome.Gone("the SMSC refused +" + phone.number() + ": " + SubmitStatus.name(status)));
                    }
                    case TRANSIENT -> throw new Transient("the SMSC answered " + SubmitStatus.name(status));
                    default -> {
                        return Optional.of(new PushOutcome.Failed("the SMSC answered " + SubmitStatus.name(status)));
                    }
                }
            } catch (ResponseTimeoutException e) {
                throw new Transient("no submit_sm_resp within " + settings.timing().responseTimeout());
            } catch (IOException | InvalidResponseException e) {
                smsc.lost(session);
                throw new Transient("the SMPP session failed: " + e.getMessage());
            } catch (PDUException e) {
                return Optional.of(new PushOutcome.Failed("the message cannot be sent by SMPP: " + e.getMessage()));
            } finally {
                throttle.release();
            }
        }
        return Optional.of(new PushOutcome.Delivered());
    }

    private TypeOfNumber sourceTon() {
        String source = settings.smsc().sourceAddress();
        return source.startsWith("+") ? TypeOfNumber.INTERNATIONAL : source.matches("[0-9]+") ? TypeOfNumber.UNKNOWN : TypeOfNumber.ALPHANUMERIC;
    }

    private NumberingPlanIndicator sourceNpi() {
        return sourceTon() == TypeOfNumber.ALPHANUMERIC ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN;
    }

    private String source() {
        String source = settings.smsc().sourceAddress();
        return source.startsWith("+") ? source.substring(1) : source;
    }

    private boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return !executor.isShutdown();
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops: the session is unbound, and messages still waiting end {@link PushOutcome.Failed}. */
    @Override
    public void close() {
        executor.shutdownNow();
        smsc.close();
    }

    /** A failure worth another attempt after a wait. */
    private static final class Transient extends Exception {
        Transient(String message) {
            super(message, null, false, false);
        }
    }

    /** Delivery receipts (SMPP 3.4 Appendix B), logged: mailpush keeps no state for them. */
    private static final class Receipts implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) {
            if (!deliverSm.isSmscDeliveryReceipt()) {
                return;
            }
            try {
                var receipt = deliverSm.getShortMessageAsDeliveryReceipt();
                switch (receipt.getFinalStatus()) {
                    case DELIVRD, ACCEPTD, ENROUTE -> LOG.info("SMS {} to +{}: {}", receipt.getId(), deliverSm.getSourceAddr(),
                            receipt.getFinalStatus());
                    default -> LOG.warn("SMS {} to +{} not delivered: {} (error {})", receipt.getId(), deliverSm.getSourceAddr(),
                            receipt.getFinalStatus(), receipt.getError());
                }
            } catch (InvalidDeliveryReceiptException e) {
                LOG.warn("an unreadable delivery receipt: {}", e.getMessage());
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {}

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not taken here", ESME_RINVCMDID);
        }
    }
}
