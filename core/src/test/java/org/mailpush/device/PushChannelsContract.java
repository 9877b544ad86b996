package org.mailpush.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/** What every {@link PushChannels} does. Devices and their owner are registered first, as a database requires. */
public interface PushChannelsContract {
    UserId CHANNEL_OWNER = new UserId("carol");
    DeviceId TAB = new DeviceId("tab");
    DeviceId PAD = new DeviceId("pad");
    Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    /** The channels under test: none at the start of each test. */
    PushChannels channels();

    DeviceRegistry devices();

    UserDirectory users();

    private void addDevices() {
        users().add(new User(CHANNEL_OWNER, "Carol", Set.of(MailAddress.of("carol@example.com"))));
        for (DeviceId id : List.of(TAB, PAD)) {
            devices().save(new Device(id, CHANNEL_OWNER, id.value(), DeviceType.BROWSER, Capabilities.FULL, List.of(new DeviceAddress.Link())));
        }
    }

    private static PushChannel channel(DeviceId device, String path) {
        return new PushChannel(device, PushChannel.Kind.WEB_PUSH, URI.create("https://push.example.net/" + path),
                "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4", "BTBZMqHH6r4Tts7J_aSIgg");
    }

    @Test
    default void aChannelAddedIsTheDevicesAndNoOthers() {
        addDevices();

        channels().add(channel(TAB, "a"), AT);

        assertThat(channels().of(TAB)).containsExactly(channel(TAB, "a"));
        assertThat(channels().of(PAD)).isEmpty();
        assertThat(channels().of(List.of(TAB, PAD))).containsOnlyKeys(TAB);
    }

    @Test
    default void anEndpointAddedAgainIsRenewedNotDoubledAndMovesWithItsDevice() {
        addDevices();
        channels().add(channel(TAB, "a"), AT);

        channels().add(channel(TAB, "a"), AT.plusSeconds(1));
        channels().add(channel(PAD, "a"), AT.plusSeconds(2));

        assertThat(channels().of(TAB)).isEmpty();
        assertThat(channels().of(PAD)).containsExactly(channel(PAD, "a"));
    }

    @Test
    default void aDeviceKeepsItsNewestChannelsUpToTheLimit() {
        addDevices();
        for (int i = 0; i < PushChannels.MAX_PER_DEVICE + 2; i++) {
            channels().add(channel(TAB, "n" + i), AT.plusSeconds(i));
        }

        assertThat(channels().of(TAB)).extracting(c -> c.endpoint().getPath())
                .containsExactly("/n2", "/n3", "/n4", "/n5");
    }

    @Test
    default void onlyTheOwningDeviceRemovesAChannel() {
        addDevices();
        channels().add(channel(TAB, "a"), AT);

        assertThat(channels().remove(PAD, URI.create("https://push.example.net/a"))).isFalse();
        assertThat(channels().remove(TAB, URI.create("https://push.example.net/a"))).isTrue();
        assertThat(channels().of(TAB)).isEmpty();
    }

    @Test
    default void aChannelKeepsItsLastSuccessAndFailureAndWorksAgainOnceAPushSucceeds() {
        addDevices();
        channels().add(channel(TAB, "a"), AT);
        assertThat(channels().listed(TAB)).singleElement()
                .satisfies(listed -> assertThat(listed.working()).isTrue())
                .isEqualTo(PushChannels.Listed.fresh(channel(TAB, "a"), AT));

        channels().outcome(channel(TAB, "a"), Optional.empty(), AT.plusSeconds(1));
        channels().outcome(channel(TAB, "a"), Optional.of("Web Push at push.example.net: 503"), AT.plusSeconds(2));

        PushChannels.Listed failed = channels().listed(TAB).getFirst();
        assertThat(failed.lastSuccess()).contains(AT.plusSeconds(1));
        assertThat(failed.lastFailure()).contains(AT.plusSeconds(2));
        assertThat(failed.failure()).contains("Web Push at push.example.net: 503");
        assertThat(failed.working()).isFalse();

        channels().outcome(channel(TAB, "a"), Optional.empty(), AT.plusSeconds(3));

        PushChannels.Listed again = channels().listed(TAB).getFirst();
        assertThat(again.working()).isTrue();
        assertThat(again.failure()).contains("Web Push at push.example.net: 503");
        assertThat(channels().listed(List.of(TAB, PAD))).containsOnlyKeys(TAB);
    }

    @Test
    default void anOutcomeForAnotherDevicesEndpointOrAnUnknownOneChangesNothing() {
        addDevices();
        channels().add(channel(TAB, "a"), AT);

        channels().outcome(channel(PAD, "a"), Optional.of("refused"), AT.plusSeconds(1));
        channels().outcome(channel(TAB, "gone"), Optional.of("refused"), AT.plusSeconds(1));

        assertThat(channels().listed(TAB)).containsExactly(PushChannels.Listed.fresh(channel(TAB, "a"), AT));
        assertThat(channels().listed(PAD)).isEmpty();
    }

    @Test
    default void aLongFailureReasonIsCutToTheKeptLength() {
        addDevices();
        channels().add(channel(TAB, "a"), AT);

        channels().outcome(channel(TAB, "a"), Optional.of("x".repeat(PushChannels.MAX_FAILURE_LENGTH * 2)), AT.plusSeconds(1));

        assertThat(channels().listed(TAB).getFirst().failure().orElseThrow()).hasSize(PushChannels.MAX_FAILURE_LENGTH).endsWith("…");
    }
}
