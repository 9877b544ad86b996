package org.mailpush.agent.notify;

import org.mailpush.mail.MailId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Notifications as log lines, for machines without a desktop. */
public final class LogNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

    @Override
    public void show(MailId mail, String title, String body) {
        LOG.info("{}: {}", title, body);
    }

    @Override
    public void withdraw(MailId mail) {
        LOG.debug("notification of mail {} withdrawn", mail);
    }
}
