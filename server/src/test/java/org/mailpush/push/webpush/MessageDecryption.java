package org.mailpush.push.webpush;

import java.nio.ByteBuffer;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * The user agent's side of RFC 8291: opens a push message with the subscriber's private key and auth
 * secret, checking the header the way a browser does. Test code: the server never decrypts.
 */
final class MessageDecryption {
    private MessageDecryption() {}

    static byte[] decrypt(byte[] body, ECPrivateKey userAgentPrivate, byte[] userAgentPublic, byte[] authSecret) {
        var buffer = ByteBuffer.wrap(body);
        byte[] salt = new byte[MessageEncryption.SALT_BYTES];
        buffer.get(salt);
        int recordSize = buffer.getInt();
        int idLength = Byte.toUnsignedInt(buffer.get());
        if (idLength != P256.POINT_BYTES) {
            throw new IllegalArgumentException("keyid of " + idLength + " octets is not an uncompressed point");
        }
        byte[] serverPublic = new byte[idLength];
        buffer.get(serverPublic);
        byte[] sealed = new byte[buffer.remaining()];
        buffer.get(sealed);
        if (sealed.length > recordSize) {
            throw new IllegalArgumentException("more than one record: " + sealed.length + " octets for rs " + recordSize);
        }
        byte[] ecdhSecret = P256.sharedSecret(userAgentPrivate, P256.publicKey(serverPublic));
        var keys = MessageEncryption.keys(ecdhSecret, authSecret, userAgentPublic, serverPublic, salt);
        byte[] record = MessageEncryption.aesGcm(Cipher.DECRYPT_MODE, keys, sealed);
        int end = record.length - 1;
        while (end >= 0 && record[end] == 0) {
            end--;
        }
        if (end < 0 || record[end] != MessageEncryption.LAST_RECORD_DELIMITER) {
            throw new IllegalArgumentException("the record lacks the last-record delimiter 0x02");
        }
        return Arrays.copyOf(record, end);
    }
}
