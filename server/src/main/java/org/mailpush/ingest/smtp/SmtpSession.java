package org.mailpush.ingest.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.mailpush.mail.Origin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP conversation (RFC 5321 4.1, 4.3.2), from the greeting to QUIT or the end of the
 * connection. Commands are read one line at a time and answered in order, which is all RFC 2920
 * PIPELINING asks of a server. Every 5xx reply counts as an error; the one that reaches the limit is
 * followed by 421 and the connection is closed.
 */
final class SmtpSession {
    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);

    private final SessionContext context;
    private final SmtpLimits limits;
    private final Connection connection;
    private final Delivery delivery;
    private final String hostname;

    private String helo;
    private boolean extended;
    private Envelope envelope;
    /** The room the transaction holds in its recipients' mailboxes; present while {@link #envelope} is. */
    private Quotas.Holds holds;
    /** The SIZE= of the transaction's MAIL FROM, 0 when not given. */
    private long declaredSize;
    private int errors;
    private boolean closing;
    /** The command being answered, for {@link SmtpReplies}. */
    private String verb = "";

    SmtpSession(SessionContext context, Connection connection) {
        this.context = context;
        this.limits = context.settings().limits();
        this.connection = connection;
        this.delivery = new Delivery(context);
        this.hostname = context.settings().hostname();
    }

    /** Runs the conversation; returns when it is over. The caller closes the socket. */
    void run() {
        String client = connection.clientAddress().getHostAddress();
        try {
            connection.timeout(limits.commandTimeout());
            connection.send(new Reply(220, "", List.of(hostname + " ESMTP mailpush")));
            while (!closing) {
                connection.deadline(limits.commandTimeout());
                CommandLine line = connection.input().readLine(limits.maxLineLength());
                connection.clearDeadline();
                switch (line) {
                    case CommandLine.Closed closed -> {
                        closing = true;
                        tooSlow(client);
                    }
                    case CommandLine.TooLong tooLong -> reply(Reply.LINE_TOO_LONG);
                    case CommandLine.BareLineEnd bare -> reply(Reply.BARE_LINE_END);
                    case CommandLine.Text text -> execute(text.value());
                }
            }
        } catch (SocketTimeoutException e) {
            log.debug("SMTP client {} timed out", client);
            sendQuietly(Reply.of(421, "4.4.2", hostname + " Timeout, closing connection"));
        } catch (EOFException | SocketException e) {
            if (!tooSlow(client)) {
                log.debug("SMTP client {} went away: {}", client, e.getMessage());
            }
        } catch (SSLException e) {
            log.info("TLS handshake with SMTP client {} failed: {}", client, e.getMessage());
        } catch (IOException e) {
            log.warn("SMTP session with {} failed", client, e);
        } catch (RuntimeException e) {
            // a bug or an unexpected failure behind a port: the client keeps the mail and retries
            log.error("SMTP session with {} failed unexpectedly", client, e);
            sendQuietly(Reply.of(421, "4.3.0", hostname + " Local error, closing connection"));
        } finally {
            endTransaction();
        }
    }

    /** Forgets the transaction in progress and gives back the room it held in its recipients' mailboxes. */
    private void endTransaction() {
        envelope = null;
        if (holds != null) {
            holds.release();
            holds = null;
        }
    }

    /** When a deadline ended the input, tells the client so (421) before the connection closes; whether it did. */
    private boolean tooSlow(String client) {
        if (!connection.expired()) {
            return false;
        }
        log.debug("SMTP client {} took too long over a command or its data", client);
        sendQuietly(Reply.of(421, "4.4.2", hostname + " Timeout, closing connection"));
        return true;
    }

    private void sendQuietly(Reply reply) {
        try {
            connection.send(reply);
        } catch (IOException e) {
            log.debug("Could not send the last reply: {}", e.getMessage());
        }
    }

    private void reply(Reply reply) throws IOException {
        connection.send(reply);
        if (verb.equals("MAIL") || verb.equals("RCPT") || verb.equals("DATA")) {
            context.replies().replied(verb, reply.code());
        }
        if (reply.permanentFailure() && ++errors >= limits.maxErrors()) {
            connection.send(Reply.of(421, "4.7.0", hostname + " Too many errors, closing connection"));
            closing = true;
        }
    }

    private void execute(String line) throws IOException {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        this.verb = verb;
        String argument = space < 0 ? "" : line.substring(space + 1);
        switch (verb) {
            case "EHLO", "HELO" -> hello(verb.equals("EHLO"), argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> recipient(argument);
            case "DATA" -> data(argument);
            case "RSET" -> {
                if (argument.isBlank()) {
                    endTransaction();
                    reply(Reply.OK);
                } else {
                    reply(Reply.of(501, "5.5.4", "Syntax: RSET"));
                }
            }
            case "NOOP" -> reply(Reply.OK);
            case "QUIT" -> {
                connection.send(Reply.of(221, "2.0.0", hostname + " Bye"));
                closing = true;
            }
            case "VRFY" -> reply(Reply.of(252, "2.5.0", "Cannot verify users; send mail and it is delivered if the user exists"));
            case "HELP" -> reply(Reply.of(214, "2.0.0", "Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP"
                    + (context.tls().isPresent() ? " STARTTLS" : "")));
            case "STARTTLS" -> startTls(argument);
            case "EXPN", "BDAT", "AUTH", "ETRN", "TURN", "ATRN", "SEND", "SOML", "SAML" -> reply(Reply.NOT_IMPLEMENTED);
            default -> reply(Reply.NOT_RECOGNIZED);
        }
    }

    private void hello(boolean ehlo, String argument) throws IOException {
        // RFC 5321 4.1.1.1: a domain or an address literal, both visible ASCII; a control character or NUL
        // would otherwise travel into the Received header and the store
        if (argument.chars().anyMatch(c -> c < ' ' || c >= 0x7f)) {
            reply(Reply.of(501, "5.5.2", "Invalid characters in " + (ehlo ? "EHLO" : "HELO") + " argument"));
            return;
        }
        String name = argument.strip();
        if (name.isEmpty() || name.contains(" ")) {
            reply(Reply.of(501, "5.5.4", "Syntax: " + (ehlo ? "EHLO" : "HELO") + " hostname"));
            return;
        }
        helo = name;
        extended = ehlo;
        endTransaction();
        if (!ehlo) {
            reply(new Reply(250, "", List.of(hostname)));
            return;
        }
        List<String> lines = new ArrayList<>(List.of(hostname, "PIPELINING", "SIZE " + limits.maxMessageBytes(),
                "8BITMIME", "ENHANCEDSTATUSCODES"));
        if (context.tls().isPresent() && !connection.secure()) {
            lines.add("STARTTLS");
        }
        reply(new Reply(250, "", lines));
    }

    private void mail(String argument) throws IOException {
        if (helo == null) {
            reply(Reply.HELO_FIRST);
            return;
        }
        if (envelope != null) {
            reply(Reply.NESTED_MAIL);
            return;
        }
        var parsed = PathArgument.parse(argument, "FROM:");
        if (parsed.isEmpty()) {
            reply(Reply.of(501, "5.5.4", "Syntax: MAIL FROM:<address>"));
            return;
        }
        String sender = withoutSourceRoute(parsed.get().path());
        if (!sender.isEmpty() && (sender.length() > 256 || sender.indexOf('@') < 1
                || sender.chars().anyMatch(c -> c <= ' ' || c >= 0x7f))) {
            reply(Reply.of(501, "5.1.7", "Bad sender address syntax"));
            return;
        }
        for (String parameter : parsed.get().parameters()) {
            String upper = parameter.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SIZE=") && upper.substring(5).matches("[0-9]{1,18}")) {
                if (Long.parseLong(upper.substring(5)) > limits.maxMessageBytes()) {
                    reply(Reply.TOO_BIG);
                    return;
                }
                // RFC 1870 6.1: a size that fits the limit but not the room left now is a temporary refusal.
                if (2 * Long.parseLong(upper.substring(5)) > context.budget().available()) {
                    reply(Reply.INSUFFICIENT_STORAGE);
                    return;
                }
            } else if (!upper.equals("BODY=7BIT") && !upper.equals("BODY=8BITMIME")) {
                reply(Reply.UNSUPPORTED_PARAMETER);
                return;
            }
        }
        declaredSize = parsed.get().parameters().stream().map(p -> p.toUpperCase(Locale.ROOT))
                .filter(p -> p.startsWith("SIZE=")).mapToLong(p -> Long.parseLong(p.substring(5))).findFirst().orElse(0);
        envelope = new Envelope(sender, List.of());
        holds = context.quotas().holds();
        reply(Reply.SENDER_OK);
    }

    /** RFC 5321 4.1.1.2 and C: a source route in a reverse path is accepted and ignored. */
    private static String withoutSourceRoute(String path) {
        return path.startsWith("@") && path.indexOf(':') > 0 ? path.substring(path.indexOf(':') + 1) : path;
    }

    private void recipient(String argument) throws IOException {
        if (envelope == null) {
            reply(Reply.NEED_MAIL);
            return;
        }
        if (envelope.recipients().size() >= limits.maxRecipients()) {
            reply(Reply.TOO_MANY_RECIPIENTS);
            return;
        }
        var parsed = PathArgument.parse(argument, "TO:");
        if (parsed.isEmpty()) {
            reply(Reply.of(501, "5.5.4", "Syntax: RCPT TO:<address>"));
            return;
        }
        if (!parsed.get().parameters().isEmpty()) {
            reply(Reply.UNSUPPORTED_PARAMETER);
            return;
        }
        switch (context.recipients().check(parsed.get().path())) {
            case RecipientCheck.Verdict.Local local -> {
                var refusal = holds.admit(local.owner(), declaredSize, parsed.get().path());
                if (refusal.isPresent()) {
                    reply(refusal.get());
                    return;
                }
                envelope = envelope.with(local);
                reply(Reply.RECIPIENT_OK);
            }
            case RecipientCheck.Verdict.UnknownUser unknown ->
                    reply(Reply.of(550, "5.1.1", "<" + unknown.path() + ">: Recipient address rejected: User unknown"));
            case RecipientCheck.Verdict.RelayDenied relay ->
                    reply(Reply.of(554, "5.7.1", "<" + relay.path() + ">: Relay access denied"));
            case RecipientCheck.Verdict.BadSyntax bad ->
                    reply(Reply.of(501, "5.1.3", "<" + bad.path() + ">: Bad recipient address syntax"));
        }
    }

    private void data(String argument) throws IOException {
        if (!argument.isBlank()) {
            reply(Reply.of(501, "5.5.4", "Syntax: DATA"));
            return;
        }
        if (envelope == null) {
            reply(Reply.of(503, "5.5.1", "Need MAIL and RCPT before DATA"));
            return;
        }
        if (envelope.recipients().isEmpty()) {
            reply(Reply.NO_RECIPIENTS);
            return;
        }
        // Whatever the outcome, the transaction ends with DATA; its room is held until the mail is stored or refused.
        Envelope transaction = envelope;
        Quotas.Holds held = holds;
        envelope = null;
        holds = null;
        try {
            data(transaction, held);
        } finally {
            held.release();
        }
    }

    private void data(Envelope transaction, Quotas.Holds held) throws IOException {
        String client = connection.clientAddress().getHostAddress();
        String protocol = connection.secure() ? "ESMTPS" : extended ? "ESMTP" : "SMTP";
        byte[] trace = delivery.traceFields(helo, client, protocol, transaction, context.clock().instant());
        var reader = new MessageReader(connection.input(), limits.maxMessageBytes(), limits.maxLineLength(), context.budget());
        if (!reader.begin(trace)) {
            reply(Reply.INSUFFICIENT_STORAGE);
            return;
        }
        connection.send(Reply.START_DATA);
        MessageContent content;
        connection.timeout(limits.dataTimeout());
        connection.deadline(limits.dataDeadline());
        try {
            content = reader.read();
        } catch (IOException | RuntimeException e) {
            reader.release();
            throw e;
        } finally {
            connection.clearDeadline();
            connection.timeout(limits.commandTimeout());
        }
        try {
            switch (content) {
                case MessageContent.Complete complete -> reply(held.settle(transaction, complete.raw().length)
                        .orElseGet(() -> delivery.deliver(transaction, complete.raw(), new Origin.Smtp(client, helo))));
                case MessageContent.TooLarge tooLarge -> reply(Reply.TOO_BIG);
                case MessageContent.Busy busy -> reply(Reply.INSUFFICIENT_STORAGE);
                case MessageContent.Malformed malformed ->
                        reply(Reply.of(554, "5.6.0", "Message refused: " + malformed.defect().explanation()));
            }
        } finally {
            // The message's bytes are stored (journal first) or refused by now: its room is free again.
            reader.release();
        }
    }

    private void startTls(String argument) throws IOException {
        if (context.tls().isEmpty()) {
            reply(Reply.NOT_IMPLEMENTED);
            return;
        }
        if (!argument.isBlank()) {
            reply(Reply.of(501, "5.5.4", "Syntax: STARTTLS"));
            return;
        }
        if (connection.secure()) {
            reply(Reply.of(503, "5.5.1", "TLS already active"));
            return;
        }
        connection.send(Reply.of(220, "2.0.0", "Ready to start TLS"));
        int discarded = connection.startTls(context.tls().get());
        if (discarded > 0) {
            log.warn("SMTP client {} sent {} bytes after STARTTLS before the TLS handshake; they were discarded",
                    connection.clientAddress().getHostAddress(), discarded);
        }
        // RFC 3207 4.2: forget everything learnt from the client before TLS
        helo = null;
        extended = false;
        endTransaction();
    }
}
