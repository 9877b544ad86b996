package org.mailpush.ingest.smtp;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * Decides on one RCPT TO path. mailpush is a final destination, never a relay: anything that could
 * route mail onwards is refused before a user is looked up (RFC 5321 3.6, 7.1; RFC 2505 2.6) —
 * source routes, quoted local parts, the "%" and "!" hacks and every domain that is not local.
 *
 * <p>Postmaster (RFC 5321 4.5.1) is accepted without a domain and at every local domain (the host
 * name included), in any case: a user who has that address gets it, else the configured postmaster
 * user, else the first user by id. Only a server without users refuses it.
 */
final class RecipientCheck {
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final UserDirectory users;
    private final Set<String> localDomains;
    private final String hostname;
    private final Optional<UserId> postmaster;

    RecipientCheck(UserDirectory users, Set<String> localDomains, String hostname, Optional<UserId> postmaster) {
        this.users = users;
        this.localDomains = Set.copyOf(localDomains);
        this.hostname = hostname;
        this.postmaster = postmaster;
    }

    /** The verdict on one forward path. */
    sealed interface Verdict {
        /** A local user's address. */
        record Local(UserId owner, MailAddress address) implements Verdict {}

        /** A local domain without such a user: 550 5.1.1. */
        record UnknownUser(String path) implements Verdict {}

        /** Mail that would have to go elsewhere: 554 5.7.1. */
        record RelayDenied(String path) implements Verdict {}

        /** Not a mailbox at all: 501 5.1.3. */
        record BadSyntax(String path) implements Verdict {}
    }

    Verdict check(String path) {
        if (path.isEmpty() || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            return new Verdict.BadSyntax(path);
        }
        if (path.startsWith("@")) {
            return new Verdict.RelayDenied(path); // source route: @relay1,@relay2:user@domain
        }
        int at = path.lastIndexOf('@');
        if (at < 0) {
            // RFC 5321 4.5.1: "postmaster" without a domain must be accepted: postmaster at the host name
            return path.equalsIgnoreCase("postmaster") ? postmaster(hostname, path) : new Verdict.BadSyntax(path);
        }
        String localPart = path.substring(0, at);
        String domain = path.substring(at + 1).toLowerCase(Locale.ROOT);
        if (localPart.isEmpty() || domain.isEmpty()) {
            return new Verdict.BadSyntax(path);
        }
        if (localPart.contains("\"") || localPart.contains("\\") || localPart.contains("%") || localPart.contains("!")
                || localPart.contains("@") || localPart.contains(":") || localPart.contains(",")) {
            return new Verdict.RelayDenied(path);
        }
        if (localPart.equalsIgnoreCase("postmaster") && (domain.equals(hostname) || isLocal(domain))) {
            return postmaster(domain, path);
        }
        if (!isLocal(domain)) {
            return new Verdict.RelayDenied(path); // includes address literals such as [192.0.2.1]
        }
        return lookUp(localPart + "@" + domain, path);
    }

    /** Postmaster at a local domain: the user with that address, else the postmaster user, else the first user. */
    private Verdict postmaster(String domain, String path) {
        MailAddress address = MailAddress.of("postmaster@" + domain);
        Optional<UserId> owner = users.owner(address)
                .or(() -> postmaster.filter(user -> users.find(user).isPresent()))
                .or(() -> users.list().stream().findFirst().map(User::id));
        return owner.<Verdict>map(user -> new Verdict.Local(user, address)).orElseGet(() -> new Verdict.UnknownUser(path));
    }

    private boolean isLocal(String domain) {
        return DOMAIN.matcher(domain).matches() && (localDomains.contains(domain) || users.servesDomain(domain));
    }

    private Verdict lookUp(String candidate, String path) {
        MailAddress address;
        try {
            address = MailAddress.of(candidate);
        } catch (IllegalArgumentException notAnAddressOfOurs) {
            return new Verdict.UnknownUser(path);
        }
        return users.owner(address)
                .<Verdict>map(owner -> new Verdict.Local(owner, address))
                .orElseGet(() -> new Verdict.UnknownUser(path));
    }
}
