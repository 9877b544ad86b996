package org.mailpush.push.smpp;

import java.net.URI;
import java.util.Locale;

/**
 * A phone's SMS channel, as its endpoint names it (RFC 3966): {@code tel:+4915112345678} for plain
 * text, {@code tel:+4915112345678;wap=si} for a WAP Push Service Indication. Visual separators
 * ({@code - . ( )}) in the number are dropped; other parameters are ignored.
 *
 * @param number the international number's digits, without the '+': 1–15 of them (E.164)
 * @param form   what the phone gets
 */
record TelEndpoint(String number, Form form) {
    /** What a phone is sent. */
    enum Form {
        /** A plain text message. */
        TEXT,
        /** A WAP Push Service Indication carrying the link. */
        SERVICE_INDICATION
    }

    TelEndpoint {
        if (!number.matches("[1-9][0-9]{0,14}")) {
            throw new IllegalArgumentException("an E.164 number is 1-15 digits, the first not 0, got '" + number + "'");
        }
    }

    /** @throws IllegalArgumentException when the endpoint is not an international {@code tel:} number */
    static TelEndpoint of(URI endpoint) {
        if (!"tel".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("an SMS channel's endpoint is tel:+E164, got '" + endpoint + "'");
        }
        String[] fields = endpoint.getSchemeSpecificPart().split(";");
        String number = fields[0].replaceAll("[-.()]", "");
        if (!number.startsWith("+")) {
            throw new IllegalArgumentException("an SMS channel's number is international, with '+', got '" + fields[0] + "'");
        }
        Form form = Form.TEXT;
        for (int i = 1; i < fields.length; i++) {
            if (fields[i].toLowerCase(Locale.ROOT).equals("wap=si")) {
                form = Form.SERVICE_INDICATION;
            }
        }
        return new TelEndpoint(number.substring(1), form);
    }
}
