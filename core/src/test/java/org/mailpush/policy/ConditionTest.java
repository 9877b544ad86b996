package org.mailpush.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;

class ConditionTest {
    private static final ZonedDateTime FRIDAY_NOON = ZonedDateTime.parse("2025-03-14T12:00:00Z");

    private static Condition from(String... senders) {
        return new Condition(Set.of(senders), Optional.empty(), Optional.empty());
    }

    private static MailSummary mail(String sender, Importance importance) {
        return new MailSummary(sender, "Subject", 1_000, 0, List.of(), importance, "");
    }

    @ParameterizedTest(name = "{0} matches mail from {1}: {2}")
    @CsvSource({
        "boss@example.com, boss@example.com,     true",
        "boss@example.com, BOSS@Example.com,     true",
        "boss@example.com, intern@example.com,   false",
        "@example.com,     intern@example.com,   true",
        "@example.com,     intern@EXAMPLE.COM,   true",
        "@example.com,     intern@mail.example.com, false",
        "@example.com,     intern@example.com.evil.org, false",
        "@example.com,     '',                   false",
        "Boss@Example.COM, boss@example.com,     true"
    })
    void sendersAreAddressesOrDomains(String sender, String mailFrom, boolean matches) {
        assertThat(from(sender).matches(mail(mailFrom, Importance.NORMAL), FRIDAY_NOON)).isEqualTo(matches);
    }

    @Test
    void anyOfSeveralSendersWill() {
        Condition vips = from("boss@example.com", "@family.org");

        assertThat(vips.matches(mail("mum@family.org", Importance.LOW), FRIDAY_NOON)).isTrue();
        assertThat(vips.matches(mail("boss@example.com", Importance.LOW), FRIDAY_NOON)).isTrue();
        assertThat(vips.matches(mail("spam@example.net", Importance.LOW), FRIDAY_NOON)).isFalse();
    }

    @Test
    void sendersAreNormalised() {
        assertThat(from(" Boss@Example.COM ").senders()).containsExactly("boss@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"boss", "example.com", "boss@", "@", "a@b@c", "boss @example.com", ""})
    void malformedSendersAreRejected(String sender) {
        assertThatThrownBy(() -> from(sender))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sender must be an address");
    }

    @ParameterizedTest(name = "at least {0}, mail {1}: {2}")
    @CsvSource({
        "HIGH, HIGH, true", "HIGH, NORMAL, false", "NORMAL, HIGH, true",
        "NORMAL, NORMAL, true", "NORMAL, LOW, false", "LOW, LOW, true"
    })
    void minImportance(Importance min, Importance marked, boolean matches) {
        var condition = new Condition(Set.of(), Optional.of(min), Optional.empty());

        assertThat(condition.matches(mail("a@example.com", marked), FRIDAY_NOON)).isEqualTo(matches);
    }

    @Test
    void everyGivenPartMustHold() {
        var hours = new TimeWindow(Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0));
        var condition = new Condition(Set.of("@example.com"), Optional.of(Importance.HIGH), Optional.of(hours));

        assertThat(condition.matches(mail("boss@example.com", Importance.HIGH), FRIDAY_NOON)).isTrue();
        assertThat(condition.matches(mail("boss@example.org", Importance.HIGH), FRIDAY_NOON)).isFalse();
        assertThat(condition.matches(mail("boss@example.com", Importance.NORMAL), FRIDAY_NOON)).isFalse();
        assertThat(condition.matches(mail("boss@example.com", Importance.HIGH), FRIDAY_NOON.withHour(18))).isFalse();
        assertThat(condition.always()).isFalse();
    }

    @Test
    void alwaysHolds() {
        assertThat(Condition.ALWAYS.always()).isTrue();
        assertThat(Condition.ALWAYS.matches(mail("", Importance.LOW), FRIDAY_NOON)).isTrue();
    }
}
