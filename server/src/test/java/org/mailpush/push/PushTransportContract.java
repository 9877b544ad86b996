package org.mailpush.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailpush.device.PushChannel;

/**
 * What every {@link PushTransport} does, whatever it speaks to: a live channel takes a notice, a
 * channel its service no longer knows is gone, and a service that keeps failing gives a failed
 * outcome — never an exception in the stage. An implementing test starts its fake service and names
 * a channel for each case.
 */
public interface PushTransportContract {

    PushTransport transport();

    /** A channel the fake service takes messages for. */
    PushChannel liveChannel();

    /** A channel the fake service says is no more. */
    PushChannel goneChannel();

    /** A channel for which the fake service fails every attempt (a 5xx or 429). */
    PushChannel failingChannel();

    /** A mail notice as ChannelCourier makes it. */
    default PushMessage notice() {
        String json = "{\"type\":\"mail\",\"mail\":\"1234\",\"seq\":17,\"from\":\"carol@example.org\",\"subject\":\"Lunch on Friday?\","
                + "\"preview\":\"Are you free at one?\",\"importance\":\"normal\",\"pictures\":0,"
                + "\"fetch\":\"/api/link/mails/1234/raw\",\"url\":\"/terminal.html#mail-1234\"}";
        return new PushMessage(json.getBytes(StandardCharsets.UTF_8), Duration.ofHours(1), PushMessage.Urgency.NORMAL, "mail-1234");
    }

    private PushOutcome send(PushChannel channel) throws Exception {
        return transport().send(channel, notice()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    default void aLiveChannelTakesTheNotice() throws Exception {
        assertThat(send(liveChannel())).isEqualTo(new PushOutcome.Delivered());
    }

    @Test
    default void aChannelTheServiceNoLongerKnowsIsGone() throws Exception {
        assertThat(send(goneChannel())).isInstanceOf(PushOutcome.Gone.class);
    }

    @Test
    default void aServiceThatKeepsFailingGivesAFailedOutcomeNotAnException() throws Exception {
        assertThat(send(failingChannel())).isInstanceOf(PushOutcome.Failed.class);
    }
}
