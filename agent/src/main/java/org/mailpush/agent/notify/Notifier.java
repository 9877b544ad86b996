package org.mailpush.agent.notify;

import org.mailpush.mail.MailId;

/** Shows the user that a mail arrived (here, or elsewhere) and withdraws it again (SPEC X6). */
public interface Notifier {
    /** Shows a notification about a mail, replacing an earlier one about the same mail. */
    void show(MailId mail, String title, String body);

    /** Withdraws the notification about this mail, where the desktop allows it. */
    void withdraw(MailId mail);
}
