package org.mailpush.push;

import java.util.List;
import java.util.Objects;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;

/** What one delivery to a terminal carries; rendered into a wire message when it is sent. */
public sealed interface Payload {

    /** The whole mail (SPEC S4). */
    record Full(MailId mail) implements Payload {
        public Full {
            Objects.requireNonNull(mail, "mail");
        }
    }

    /** A short notice that the mail went to other terminals (SPEC M2). */
    record Hint(MailId mail, List<DeviceId> pushedTo) implements Payload {
        public Hint {
            Objects.requireNonNull(mail, "mail");
            pushedTo = List.copyOf(pushedTo);
        }
    }

    /** The mail's flags changed on another terminal (SPEC M7). */
    record FlagsChanged(MailId mail, MailFlags flags) implements Payload {
        public FlagsChanged {
            Objects.requireNonNull(mail, "mail");
            Objects.requireNonNull(flags, "flags");
        }
    }

    /** Withdraw the notification or hint of a mail read or deleted elsewhere (SPEC X6). */
    record Retract(MailId mail) implements Payload {
        public Retract {
            Objects.requireNonNull(mail, "mail");
        }
    }

    /** The user's policy changed; the terminal gets the policy current when it is sent. */
    record PolicyChanged() implements Payload {}
}
