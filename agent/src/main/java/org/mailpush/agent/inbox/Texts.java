package org.mailpush.agent.inbox;

import java.util.stream.Collectors;
import org.mailpush.mail.MailSummary;
import org.mailpush.protocol.ServerMessage;

/** The words of notifications. Bodies are escaped: notification servers read them as simple markup. */
final class Texts {
    private Texts() {}

    static String mailTitle(MailSummary summary) {
        return summary.sender().isEmpty() ? "New mail" : "New mail from " + summary.sender();
    }

    static String mailBody(MailSummary summary) {
        String subject = summary.subject().isEmpty() ? "(no subject)" : summary.subject();
        return markupSafe(summary.preview().isEmpty() ? subject : subject + "\n" + summary.preview());
    }

    static String hintTitle(ServerMessage.Hint hint) {
        return "Mail pushed to " + hint.pushedTo().stream().map(ServerMessage.Named::name).collect(Collectors.joining(", "));
    }

    static String markupSafe(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
