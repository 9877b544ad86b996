package org.mailpush.agent.state;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.mailpush.mail.MailId;
import org.mailpush.policy.Policy;

/**
 * What the agent keeps between runs.
 *
 * @param lastAck the last sequence number processed and acknowledged; {@code hello} resumes after it
 * @param mails   the mails received in full, by id
 * @param policy  the user's policy as last delivered, for {@code agent policy show} when offline
 */
public record AgentState(long lastAck, Map<MailId, MailRecord> mails, Optional<Policy> policy) {
    public static final AgentState EMPTY = new AgentState(0, Map.of(), Optional.empty());

    public AgentState {
        if (lastAck < 0) {
            throw new IllegalArgumentException("lastAck must not be negative, got " + lastAck);
        }
        mails = Collections.unmodifiableMap(new TreeMap<>(mails));
        Objects.requireNonNull(policy, "policy");
    }

    public Optional<MailRecord> mail(MailId id) {
        return Optional.ofNullable(mails.get(id));
    }

    public AgentState withLastAck(long seq) {
        return new AgentState(Math.max(lastAck, seq), mails, policy);
    }

    public AgentState with(MailRecord record) {
        TreeMap<MailId, MailRecord> copy = new TreeMap<>(mails);
        copy.put(record.mail(), record);
        return new AgentState(lastAck, copy, policy);
    }

    public AgentState without(MailId id) {
        TreeMap<MailId, MailRecord> copy = new TreeMap<>(mails);
        copy.remove(id);
        return new AgentState(lastAck, copy, policy);
    }

    public AgentState with(Policy policy) {
        return new AgentState(lastAck, mails, Optional.of(policy));
    }

    /** How many mails are in each status. */
    public long count(MailRecord.Status status) {
        return mails.values().stream().filter(r -> r.status() == status).count();
    }
}
