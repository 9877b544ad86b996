package org.mailpush.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a personal API token may do besides saying who its user is (docs/web.md). Administration is
 * none of them: that takes the admin token; and no token can make tokens or enrol terminals.
 */
public enum ApiScope {
    /** Read the user's mail and why each terminal got it: {@code GET /api/mails...}. */
    MAIL_READ("mail:read"),
    /** List, rename and revoke the user's terminals (not enrol them): {@code /api/devices...}. */
    DEVICES("devices"),
    /** Read, check, preview and replace the push policy, and whether terminals may set it: {@code /api/policy...}. */
    POLICY("policy"),
    /** List, add and remove upstream mailboxes: {@code /api/accounts...}. */
    ACCOUNTS("accounts");

    private final String token;

    ApiScope(String token) {
        this.token = token;
    }

    /** The scope as written in the API and on the command line, e.g. {@code mail:read}. */
    public String token() {
        return token;
    }

    /** @throws IllegalArgumentException naming the scopes there are */
    public static ApiScope of(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.token.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a scope; the scopes are "
                        + Arrays.stream(values()).map(ApiScope::token).collect(Collectors.joining(", "))));
    }
}
