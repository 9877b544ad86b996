package org.mailpush.agent.inbox;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Map;
import java.util.Optional;
import org.mailpush.agent.maildir.Maildir;
import org.mailpush.agent.notify.Notifier;
import org.mailpush.agent.state.AgentState;
import org.mailpush.agent.state.MailRecord;
import org.mailpush.agent.state.StateStore;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's inbox: applies the server's deliveries to the Maildir and the state, in sequence
 * order, and acknowledges each once it is durable; and sends the flag changes a mail client made in
 * the Maildir (SPEC M7). A delivery whose seq was acknowledged already is acknowledged again and
 * dropped; a mail id this terminal has is never written twice, even when it was deleted since (X1).
 * Not thread-safe: the agent calls it from one thread.
 */
public final class Inbox {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    private static final int MAX_NAME_ATTEMPTS = 100;

    private final StateStore store;
    private final Maildir maildir;
    private final Notifier notifier;
    private final RawMail fetcher;
    private final Outgoing link;
    private volatile AgentState state = AgentState.EMPTY;

    public Inbox(StateStore store, Maildir maildir, Notifier notifier, RawMail fetcher, Outgoing link) {
        this.store = store;
        this.maildir = maildir;
        this.notifier = notifier;
        this.fetcher = fetcher;
        this.link = link;
    }

    /** Loads the state and settles mails whose writing a crash interrupted. */
    public void open() throws IOException {
        maildir.create();
        state = store.load();
        Map<String, Maildir.Located> files = maildir.scan();
        for (MailRecord record : state.mails().values()) {
            if (record.status() == MailRecord.Status.WRITING) {
                maildir.discardTemporary(record.unique());
                state = files.containsKey(record.unique()) ? state.with(record.with(MailRecord.Status.STORED))
                        : state.without(record.mail());
            }
        }
        store.save(state);
    }

    public AgentState state() {
        return state;
    }

    public long lastAck() {
        return state.lastAck();
    }

    /**
     * Applies one delivery ({@code mail}, {@code hint}, {@code flags}, {@code retract}, {@code policy}
     * with a seq), saves, and acknowledges it.
     *
     * @throws IOException when it could not be made durable; it stays unacknowledged, to come again
     */
    public void deliver(ServerMessage delivery) throws IOException {
        long seq = delivery.sequence().orElseThrow(() -> new IllegalArgumentException("not a delivery: " + delivery));
        if (seq <= state.lastAck()) {
            link.send(new TerminalMessage.Ack(state.lastAck()));
            return;
        }
        switch (delivery) {
            case ServerMessage.Mail mail -> receive(mail);
            case ServerMessage.Hint hint -> notifier.show(hint.mail(), Texts.hintTitle(hint), Texts.markupSafe(hint.text()));
            case ServerMessage.FlagsChanged flags -> applyFlags(flags.mail(), flags.flags());
            case ServerMessage.Retract retract -> notifier.withdraw(retract.mail());
            case ServerMessage.PolicyChanged policy -> state = state.with(policy.policy());
            default -> throw new IllegalArgumentException("not a delivery: " + delivery);
        }
        state = state.withLastAck(seq);
        store.save(state);
        link.send(new TerminalMessage.Ack(seq));
    }

    private void receive(ServerMessage.Mail mail) throws IOException {
        Optional<MailRecord> known = state.mail(mail.mail());
        if (known.isPresent() && known.get().status() != MailRecord.Status.WRITING) {
            LOG.debug("mail {} is here already", mail.mail());
            return;
        }
        if (mail.flags().deleted()) {
            state = state.with(new MailRecord(mail.mail(), maildir.newUnique(), mail.flags(), MailRecord.Status.DELETED));
            return;
        }
        byte[] raw = mail.raw().isPresent() ? mail.raw().get() : fetcher.fetch(mail.fetch().orElseThrow());
        MailRecord record = write(mail, raw);
        state = state.with(record.with(MailRecord.Status.STORED));
        LOG.info("mail {} from {} written to the Maildir", mail.mail(), mail.summary().sender());
        if (!mail.flags().seen()) {
            notifier.show(mail.mail(), Texts.mailTitle(mail.summary()), Texts.mailBody(mail.summary()));
        }
    }

    /** Writes the file under a new unique name, recorded first: after a crash the file tells whether it was written. */
    private MailRecord write(ServerMessage.Mail mail, byte[] raw) throws IOException {
        for (int attempt = 1; ; attempt++) {
            MailRecord record = new MailRecord(mail.mail(), maildir.newUnique(), mail.flags(), MailRecord.Status.WRITING);
            state = state.with(record);
            store.save(state);
            try {
                maildir.deliver(record.unique(), raw, mail.flags());
                return record;
            } catch (FileAlreadyExistsException e) {
                // Another process of the same pid wrote this name in the same second: take the next one.
                state = state.without(mail.mail());
                if (attempt == MAX_NAME_ATTEMPTS) {
                    throw e;
                }
            } catch (IOException e) {
                state = state.without(mail.mail());
                throw e;
            }
        }
    }

    private void applyFlags(MailId id, MailFlags flags) throws IOException {
        if (flags.seen() || flags.deleted()) {
            notifier.withdraw(id);
        }
        Optional<MailRecord> record = state.mail(id);
        if (record.isEmpty() || record.get().status() != MailRecord.Status.STORED) {
            return;
        }
        Optional<Maildir.Located> file = maildir.find(record.get().unique());
        if (file.isEmpty()) {
            return; // removed here meanwhile: the next rescan reports it
        }
        // What the server knows is updated first, so the watcher does not send this change back.
        state = state.with(record.get().with(flags));
        maildir.setFlags(file.get(), flags);
    }

    /**
     * Compares the Maildir with what the server knows and sends what a mail client changed: S, F and
     * T in a file name, and files removed (deleted). Unsent changes are found again at the next rescan.
     */
    public void rescan() throws IOException {
        Map<String, Maildir.Located> files = maildir.scan();
        AgentState before = state;
        for (MailRecord record : before.mails().values()) {
            if (record.status() != MailRecord.Status.STORED) {
                continue;
            }
            Maildir.Located file = files.get(record.unique());
            if (file == null) {
                MailFlags gone = new MailFlags(record.flags().seen(), record.flags().flagged(), true);
                if (sendChange(record, gone)) {
                    state = state.with(record.with(gone).with(MailRecord.Status.DELETED));
                    notifier.withdraw(record.mail());
                }
            } else if (!file.name().mailFlags().equals(record.flags()) && sendChange(record, file.name().mailFlags())) {
                state = state.with(record.with(file.name().mailFlags()));
            }
        }
        if (state != before) {
            store.save(state);
        }
    }

    private boolean sendChange(MailRecord record, MailFlags now) {
        MailFlags was = record.flags();
        return link.send(new TerminalMessage.Flags(record.mail(),
                was.seen() == now.seen() ? Optional.empty() : Optional.of(now.seen()),
                was.flagged() == now.flagged() ? Optional.empty() : Optional.of(now.flagged()),
                was.deleted() == now.deleted() ? Optional.empty() : Optional.of(now.deleted())));
    }
}
