package org.mailpush.store.jdbc;

import java.util.Map;

/** The databases the store runs on, and what their SQL spells differently. */
enum Vendor {
    H2("BLOB"),
    POSTGRESQL("BYTEA");

    /** The column type for a mail's raw bytes: H2 keeps large values out of its pages only in a BLOB. */
    private final String binaryType;

    Vendor(String binaryType) {
        this.binaryType = binaryType;
    }

    /** The vendor a JDBC URL names; {@link IllegalArgumentException} for any other. */
    static Vendor of(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        } else if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        // Only the scheme: the rest of a URL may hold a password.
        String scheme = url.length() > 16 ? url.substring(0, 16) + "..." : url;
        throw new IllegalArgumentException("database url must start with jdbc:h2: or jdbc:postgresql:, got '" + scheme + "'");
    }

    /** The values of the {@code ${...}} placeholders in the migrations. */
    Map<String, String> placeholders() {
        return Map.of("binary", binaryType);
    }
}
