package org.mailpush.user;

import java.util.Locale;

/**
 * A mailbox address (RFC 5321 local-part@domain), kept in lower case. Quoted local parts, source
 * routes and address literals are refused: mailpush only ever names plain local addresses.
 */
public record MailAddress(String value) {
    public MailAddress {
        value = value == null ? null : value.strip().toLowerCase(Locale.ROOT);
        if (value == null || value.length() > 254 || !value.matches("[a-z0-9!#$&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9-]+(\\.[a-z0-9-]+)*")) {
            throw new IllegalArgumentException("mail address must look like name@example.com, got '" + value + "'");
        }
    }

    public static MailAddress of(String value) {
        return new MailAddress(value);
    }

    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
