package org.mailpush.agent.notify;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mailpush.agent.command.ExternalCommand;
import org.mailpush.mail.MailId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications through {@code notify-send -p} (libnotify 0.7.9 and later print the
 * notification's id), replaced with {@code -r ID} when the same mail is shown again and closed with
 * {@code gdbus call … CloseNotification ID} when it is withdrawn. An older notify-send without
 * {@code -p} still shows notifications; they just cannot be withdrawn. When notify-send fails, the
 * notification becomes a log line.
 */
public final class NotifySendNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(NotifySendNotifier.class);

    private final ExternalCommand notifySend;
    private final ExternalCommand close;
    private final Notifier fallback;
    private final Map<MailId, Long> shown = new ConcurrentHashMap<>();
    private volatile boolean printsIds = true;

    public NotifySendNotifier(ExternalCommand notifySend, ExternalCommand close, Notifier fallback) {
        this.notifySend = notifySend;
        this.close = close;
        this.fallback = fallback;
    }

    @Override
    public void show(MailId mail, String title, String body) {
        ExternalCommand base = notifySend.with("-a", "mailpush", "-c", "email.arrived");
        Long previous = shown.get(mail);
        if (previous != null) {
            base = base.with("-r", Long.toString(previous));
        }
        if (printsIds) {
            Optional<String> printed = base.with("-p", "--", title, body).output();
            Optional<Long> id = printed.flatMap(NotifySendNotifier::id);
            if (id.isPresent()) {
                shown.put(mail, id.get());
                return;
            }
            printsIds = false;
            LOG.debug("{} printed no notification id; notifications will not be withdrawn", notifySend.program());
        }
        if (base.with("--", title, body).output().isEmpty()) {
            fallback.show(mail, title, body);
        }
    }

    @Override
    public void withdraw(MailId mail) {
        Long id = shown.remove(mail);
        if (id != null) {
            close.with(Long.toString(id)).output();
        }
    }

    static Optional<Long> id(String printed) {
        try {
            return Optional.of(Long.parseLong(printed.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
