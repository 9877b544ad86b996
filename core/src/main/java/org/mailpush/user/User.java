package org.mailpush.user;

import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person mailpush pushes mail for.
 *
 * @param addresses the addresses mail for them arrives at: their primary address and aliases
 */
public record User(UserId id, String displayName, Set<MailAddress> addresses) {
    public User {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null || displayName.isBlank() ? id.value() : displayName.strip();
        var sorted = new TreeSet<MailAddress>(Comparator.comparing(MailAddress::value));
        sorted.addAll(addresses);
        addresses = Collections.unmodifiableSortedSet(sorted);
    }
}
