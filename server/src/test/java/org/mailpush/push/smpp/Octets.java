package org.mailpush.push.smpp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Expected octets written out piece by piece: hex for tokens, ASCII for inline strings. */
final class Octets {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Octets of() {
        return new Octets();
    }

    /** Octets in hex, spaces allowed: {@code "02 05 6A"}. */
    Octets hex(String hex) {
        out.writeBytes(HexFormat.of().parseHex(hex.replace(" ", "")));
        return this;
    }

    Octets ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    Octets bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] build() {
        return out.toByteArray();
    }
}
