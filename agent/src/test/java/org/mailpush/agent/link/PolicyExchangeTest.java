package org.mailpush.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mailpush.policy.Policy;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

class PolicyExchangeTest {
    private final List<TerminalMessage> sent = new ArrayList<>();
    private final PolicyExchange exchange = new PolicyExchange(sent::add);
    private final Policy stored = Policy.FAIL_OPEN_ONLY;

    @Test
    void getIsAnsweredByAPolicyWithoutSeq() {
        var answer = exchange.get();

        assertThat(exchange.received(new ServerMessage.PolicyChanged(OptionalLong.of(3), stored))).as("an old delivery").isFalse();
        assertThat(answer).isNotDone();
        assertThat(exchange.received(new ServerMessage.PolicyChanged(OptionalLong.empty(), stored))).isTrue();
        assertThat(answer).isCompletedWithValue(stored);
        assertThat(sent).containsExactly(new TerminalMessage.PolicyGet());
    }

    @Test
    void setSendsSetThenGetAndReturnsThePolicyAsStored() {
        var answer = exchange.set(stored);

        exchange.received(new ServerMessage.PolicyChanged(OptionalLong.of(9), stored));
        exchange.received(new ServerMessage.PolicyChanged(OptionalLong.empty(), stored));

        assertThat(sent).containsExactly(new TerminalMessage.PolicySet(stored), new TerminalMessage.PolicyGet());
        assertThat(answer).isCompletedWithValue(stored);
    }

    @Test
    void aRefusedPolicyFailsWithTheServersWords() {
        var answer = exchange.set(stored);
        var later = exchange.get();

        exchange.received(new ServerMessage.Error(ServerMessage.ErrorCode.INVALID_POLICY, "policy.rules[0].type: 'labtop' is not one of …", 1));
        exchange.received(new ServerMessage.PolicyChanged(OptionalLong.empty(), stored));
        exchange.received(new ServerMessage.PolicyChanged(OptionalLong.empty(), stored));

        assertThat(answer).isCompletedExceptionally();
        assertThat(answer.exceptionNow()).isInstanceOf(PolicyExchange.RefusedPolicyException.class).hasMessageContaining("labtop");
        assertThat(later).isCompletedWithValue(stored);
    }

    @Test
    void otherErrorsAreNotAnswers() {
        var answer = exchange.get();

        assertThat(exchange.received(new ServerMessage.Error(ServerMessage.ErrorCode.NO_SUCH_MAIL, "no mail 5", 1))).isFalse();
        assertThat(answer).isNotDone();
    }

    @Test
    void withoutALinkNothingIsWaitedFor() {
        var offline = new PolicyExchange(message -> false);

        assertThat(offline.get()).isCompletedExceptionally();
        assertThat(offline.set(new Policy(ZoneOffset.UTC, List.of(), Policy.Others.NOTHING))).isCompletedExceptionally();
    }

    @Test
    void aDroppedLinkFailsWhatWasAsked() {
        var answer = exchange.get();

        exchange.disconnected();

        assertThat(answer).isCompletedExceptionally();
    }
}
