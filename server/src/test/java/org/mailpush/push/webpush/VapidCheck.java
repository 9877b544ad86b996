package org.mailpush.push.webpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A push service's reading of a VAPID {@code Authorization} header (RFC 8292 §2–3): splits out the
 * JWT and the key, and verifies the signature with that key. The verification takes its own way —
 * R || S rewritten as the DER that plain SHA256withECDSA reads — so it does not share the signer's code.
 */
record VapidCheck(String token, String key, JsonNode header, JsonNode claims) {
    private static final Pattern SCHEME = Pattern.compile("vapid t=([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)");

    /** Parses and verifies the header; throws when it is malformed or the signature does not verify. */
    static VapidCheck verify(String authorization) {
        Matcher matcher = SCHEME.matcher(authorization);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a vapid authorization: " + authorization);
        }
        String token = matcher.group(1);
        String key = matcher.group(2);
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        if (signature.length != 64) {
            throw new IllegalArgumentException("an ES256 JWS signature is R || S, 64 octets; got " + signature.length);
        }
        try {
            var verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(P256.publicKey(Base64.getUrlDecoder().decode(key)));
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(der(signature))) {
                throw new IllegalArgumentException("the VAPID signature does not verify with k");
            }
            var json = new ObjectMapper();
            return new VapidCheck(token, key, json.readTree(Base64.getUrlDecoder().decode(parts[0])),
                    json.readTree(Base64.getUrlDecoder().decode(parts[1])));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot verify the VAPID token: " + e.getMessage(), e);
        }
    }

    /** R || S as the DER SEQUENCE of two INTEGERs (each under 128 octets, so short lengths). */
    private static byte[] der(byte[] raw) {
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)).toByteArray();
        var out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(2 + r.length + 2 + s.length);
        out.write(0x02);
        out.write(r.length);
        out.writeBytes(r);
        out.write(0x02);
        out.write(s.length);
        out.writeBytes(s);
        return out.toByteArray();
    }
}
