package org.mailpush.ingest.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.mailpush.user.UserId;

/**
 * Where the SMTP receiver listens and what it accepts.
 *
 * @param bindAddress  the local address to listen on (the wildcard address for all)
 * @param port         the TCP port, 0 for one the system picks ({@link SmtpReceiver#port()} tells which)
 * @param hostname     the name the receiver greets with and writes into Received headers
 * @param localDomains domains that are local besides those the user directory serves; mail for an
 *                     unknown user there is refused with 550, never relayed
 * @param limits       the limits on clients
 * @param tls          the certificate for STARTTLS; empty: no STARTTLS
 * @param postmaster   the user who receives mail for postmaster (RFC 5321 4.5.1) at every local domain
 *                     and without one, unless a user has that postmaster address; empty: the first user
 *                     by id
 */
public record SmtpSettings(
        InetAddress bindAddress, int port, String hostname, Set<String> localDomains, SmtpLimits limits, Optional<SmtpTls> tls,
        Optional<UserId> postmaster) {

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    public SmtpSettings {
        Objects.requireNonNull(bindAddress, "smtp.bind-address");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(postmaster, "postmaster");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("smtp.port must be 0-65535, got " + port);
        }
        hostname = hostname == null ? "" : hostname.strip().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(hostname).matches()) {
            throw new IllegalArgumentException("smtp.hostname must be a domain name such as mx.example.com, got '" + hostname + "'");
        }
        localDomains = localDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        for (String domain : localDomains) {
            if (!DOMAIN.matcher(domain).matches()) {
                throw new IllegalArgumentException("smtp.local-domains must hold domain names, got '" + domain + "'");
            }
        }
    }

    /** Settings without a postmaster user of their own: postmaster mail goes to the first user. */
    public SmtpSettings(
            InetAddress bindAddress, int port, String hostname, Set<String> localDomains, SmtpLimits limits, Optional<SmtpTls> tls) {
        this(bindAddress, port, hostname, localDomains, limits, tls, Optional.empty());
    }

    /** Port 25 on all interfaces, no extra local domains, default limits, no TLS. */
    public static SmtpSettings defaults(String hostname) {
        return new SmtpSettings(new InetSocketAddress(0).getAddress(), 25, hostname, Set.of(), SmtpLimits.DEFAULTS, Optional.empty());
    }

    public SmtpSettings withListener(InetAddress address, int newPort) {
        return new SmtpSettings(address, newPort, hostname, localDomains, limits, tls, postmaster);
    }

    public SmtpSettings withLocalDomains(Set<String> domains) {
        return new SmtpSettings(bindAddress, port, hostname, domains, limits, tls, postmaster);
    }

    public SmtpSettings withLimits(SmtpLimits newLimits) {
        return new SmtpSettings(bindAddress, port, hostname, localDomains, newLimits, tls, postmaster);
    }

    public SmtpSettings withTls(SmtpTls certificate) {
        return new SmtpSettings(bindAddress, port, hostname, localDomains, limits, Optional.of(certificate), postmaster);
    }

    public SmtpSettings withPostmaster(UserId user) {
        return new SmtpSettings(bindAddress, port, hostname, localDomains, limits, tls, Optional.of(user));
    }
}
