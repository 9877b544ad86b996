package org.mailpush.user;

import java.util.regex.Pattern;

/**
 * The stable identifier of a mailpush user: 1–64 characters of letters, digits, '.', '_' and '-'.
 */
public record UserId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public UserId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "user id must be 1-64 letters, digits, '.', '_' or '-', got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
