package org.mailpush.link;

import java.util.List;
import org.mailpush.mail.MailSummary;
import org.mailpush.protocol.ServerMessage;

/** The one line a hint shows: "a mail with a picture from carol@example.org was pushed to colour phone". */
final class HintText {
    private HintText() {}

    static String of(MailSummary summary, List<ServerMessage.Named> pushedTo) {
        String with = switch (summary.pictures()) {
            case 0 -> summary.attachmentTypes().isEmpty() ? "" : " with attachments";
            case 1 -> " with a picture";
            default -> " with " + summary.pictures() + " pictures";
        };
        String from = summary.sender().isEmpty() ? "" : " from " + summary.sender();
        String where = String.join(", ", pushedTo.stream().map(ServerMessage.Named::name).toList());
        return "a mail" + with + from + " was pushed to " + where;
    }
}
