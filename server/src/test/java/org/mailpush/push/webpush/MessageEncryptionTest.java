package org.mailpush.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * RFC 8291 §5 and Appendix A to the octet: the RFC's keys, salt and plaintext must give its body, and
 * each intermediate value it lists must come out of the key schedule on the way.
 */
class MessageEncryptionTest {
    // RFC 8291 §5 ("Push Message Encryption Example") and Appendix A ("Intermediate Values for Encryption").
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String ECDH_SECRET = "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs";
    private static final String CEK = "oIhVW04MRdy2XN9CiKLxTg";
    private static final String NONCE = "4h_95klXJ5E_qnoN";
    private static final String HEADER = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
            + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String CIPHERTEXT = "8pfeW0KbunFT06SuDKoJH9Ql87S1QUrdirN6GcG7sFz1y1sqLgVi1VhjVkHsUoEsbI_0LpXMuGvnzQ";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
            + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
            + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    void theRfcExampleEncryptsToItsBodyOctetForOctet() {
        byte[] body = MessageEncryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.US_ASCII), b64(UA_PUBLIC), b64(AUTH_SECRET),
                rfcServerKeys(), b64(SALT));

        assertThat(body).isEqualTo(b64(BODY));
        // 86 octets of header, 41 of plaintext, the delimiter and the 16-octet tag. (The example's request
        // says Content-Length: 145, but the body it shows decodes to 144 octets.)
        assertThat(body).hasSize(144).startsWith(b64(HEADER));
        assertThat(Arrays.copyOfRange(body, MessageEncryption.HEADER_BYTES, body.length)).isEqualTo(b64(CIPHERTEXT));
    }

    @Test
    void theKeyScheduleGivesTheRfcIntermediateValues() {
        byte[] ecdhSecret = P256.sharedSecret(P256.privateKey(b64(AS_PRIVATE)), P256.publicKey(b64(UA_PUBLIC)));
        assertThat(ecdhSecret).isEqualTo(b64(ECDH_SECRET));

        var keys = MessageEncryption.keys(ecdhSecret, b64(AUTH_SECRET), b64(UA_PUBLIC), b64(AS_PUBLIC), b64(SALT));

        assertThat(keys.contentEncryptionKey()).isEqualTo(b64(CEK));
        assertThat(keys.nonce()).isEqualTo(b64(NONCE));
    }

    @Test
    void theUserAgentSideOpensTheRfcBody() {
        byte[] plaintext = MessageDecryption.decrypt(b64(BODY), P256.privateKey(b64(UA_PRIVATE)), b64(UA_PUBLIC), b64(AUTH_SECRET));

        assertThat(new String(plaintext, StandardCharsets.US_ASCII)).isEqualTo(PLAINTEXT);
    }

    @Test
    void everyMessageHasAFreshKeyAndSaltAndRoundTrips() {
        var random = new SecureRandom();
        KeyPair subscriber = P256.generate(random);
        byte[] userAgentPublic = P256.encode((ECPublicKey) subscriber.getPublic());
        var subscription = new Subscription(URI.create("https://push.example.net/p/1"), userAgentPublic, b64(AUTH_SECRET));
        var encryption = new MessageEncryption(random);
        byte[] largest = new byte[MessageEncryption.MAX_PLAINTEXT_BYTES];
        random.nextBytes(largest);

        byte[] first = encryption.encrypt(largest, subscription);
        byte[] second = encryption.encrypt(largest, subscription);

        assertThat(first).hasSize(MessageEncryption.RECORD_SIZE);
        assertThat(Arrays.copyOf(first, MessageEncryption.HEADER_BYTES))
                .isNotEqualTo(Arrays.copyOf(second, MessageEncryption.HEADER_BYTES));
        assertThat(MessageDecryption.decrypt(first, (ECPrivateKey) subscriber.getPrivate(), userAgentPublic, b64(AUTH_SECRET)))
                .isEqualTo(largest);
    }

    @Test
    void aPayloadOverOneRecordIsRefused() {
        assertThatThrownBy(() -> MessageEncryption.encrypt(new byte[MessageEncryption.MAX_PLAINTEXT_BYTES + 1], b64(UA_PUBLIC),
                b64(AUTH_SECRET), rfcServerKeys(), b64(SALT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3993");
    }

    @Test
    void aPointOffTheCurveIsRefused() {
        byte[] offCurve = b64(UA_PUBLIC);
        offCurve[64] ^= 1;

        assertThatThrownBy(() -> P256.publicKey(offCurve)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("curve");
    }

    private static KeyPair rfcServerKeys() {
        return new KeyPair(P256.publicKey(b64(AS_PUBLIC)), P256.privateKey(b64(AS_PRIVATE)));
    }

    private static byte[] b64(String base64Url) {
        return Base64.getUrlDecoder().decode(base64Url);
    }
}
