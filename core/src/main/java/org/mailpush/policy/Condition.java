package org.mailpush.policy;

import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;

/**
 * When a rule applies. Every given part must hold; an empty part always holds.
 *
 * @param senders       sender addresses ("boss@example.com") or domains ("@example.com"), lower case, in the order given
 * @param minImportance the least importance the mail must carry
 * @param hours         the local time window it must arrive in
 */
public record Condition(Set<String> senders, Optional<Importance> minImportance, Optional<TimeWindow> hours) {
    public static final Condition ALWAYS = new Condition(Set.of(), Optional.empty(), Optional.empty());

    public Condition {
        var normalised = new LinkedHashSet<String>();
        for (String sender : senders) {
            String lower = sender.strip().toLowerCase(Locale.ROOT);
            int at = lower.indexOf('@');
            if (at < 0 || at != lower.lastIndexOf('@') || at == lower.length() - 1 || lower.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "sender must be an address (name@domain) or a domain (@domain), got '" + sender + "'");
            }
            normalised.add(lower);
        }
        senders = Collections.unmodifiableSet(normalised);
        Objects.requireNonNull(minImportance, "minImportance");
        Objects.requireNonNull(hours, "hours");
    }

    public boolean always() {
        return senders.isEmpty() && minImportance.isEmpty() && hours.isEmpty();
    }

    /** Whether a mail arriving at this local time meets the condition. */
    public boolean matches(MailSummary mail, ZonedDateTime at) {
        boolean sender = senders.isEmpty()
                || senders.contains(mail.sender())
                || senders.contains("@" + mail.senderDomain());
        boolean importance = minImportance.map(min -> mail.importance().compareTo(min) >= 0).orElse(true);
        boolean time = hours.map(window -> window.contains(at)).orElse(true);
        return sender && importance && time;
    }
}
