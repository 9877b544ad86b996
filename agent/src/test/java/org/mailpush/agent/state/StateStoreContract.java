package org.mailpush.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.policy.Policy;

/** What every state store must do; each implementation's test implements this. */
interface StateStoreContract {
    StateStore store();

    /** A second store over the same storage, as a restarted agent would open it. */
    StateStore reopened();

    @Test
    default void aNewStoreHoldsTheEmptyState() throws Exception {
        assertThat(store().load()).isEqualTo(AgentState.EMPTY);
    }

    @Test
    default void whatWasSavedIsLoadedAfterARestart() throws Exception {
        AgentState state = AgentState.EMPTY.withLastAck(41)
                .with(new MailRecord(new MailId(7), "1764151200.1_1.laptop", new MailFlags(true, false, false), MailRecord.Status.STORED))
                .with(new MailRecord(new MailId(9), "1764151200.1_2.laptop", MailFlags.NEW, MailRecord.Status.WRITING))
                .with(new MailRecord(new MailId(3), "1764151100.1_9.laptop", new MailFlags(false, true, true), MailRecord.Status.DELETED))
                .with(Policy.FAIL_OPEN_ONLY);

        store().save(state);

        assertThat(reopened().load()).isEqualTo(state);
    }

    @Test
    default void aLaterSaveReplacesTheEarlierOne() throws Exception {
        store().save(AgentState.EMPTY.withLastAck(5));
        store().save(AgentState.EMPTY.withLastAck(6));

        assertThat(reopened().load().lastAck()).isEqualTo(6);
        assertThat(reopened().load().policy()).isEqualTo(Optional.empty());
    }
}
