package org.mailpush.access;

/** The number of a personal API token, unique on the server; it names the token, it does not open anything. */
public record ApiTokenId(long value) {
    public ApiTokenId {
        if (value <= 0) {
            throw new IllegalArgumentException("a token id is a positive number, got " + value);
        }
    }

    /** @throws IllegalArgumentException when the text is not a positive number */
    public static ApiTokenId parse(String text) {
        try {
            return new ApiTokenId(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a token id is a positive number, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
