package org.mailpush.agent.notify;

import org.mailpush.mail.MailId;

/** No notifications at all ({@code notify = off}). */
public final class SilentNotifier implements Notifier {
    @Override
    public void show(MailId mail, String title, String body) {
    }

    @Override
    public void withdraw(MailId mail) {
    }
}
