package org.mailpush.push.webpush;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * The NIST P-256 curve (secp256r1) on the JDK's own provider, with public keys in the uncompressed
 * point form of X9.62 that Web Push uses everywhere: {@code 0x04 || X || Y}, 65 octets.
 */
final class P256 {
    /** The length of an uncompressed point. */
    static final int POINT_BYTES = 65;
    private static final int COORDINATE_BYTES = 32;
    private static final byte UNCOMPRESSED = 0x04;
    private static final ECParameterSpec PARAMETERS = parameters();

    private P256() {}

    static KeyPair generate(SecureRandom random) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
        }
    }

    /**
     * The public key of an uncompressed point, checked to lie on the curve: RFC 8291 §7 requires it,
     * since a point off the curve can leak the private key it is combined with.
     *
     * @throws IllegalArgumentException if the octets are not an uncompressed P-256 point
     */
    static ECPublicKey publicKey(byte[] point) {
        if (point.length != POINT_BYTES || point[0] != UNCOMPRESSED) {
            throw new IllegalArgumentException("not an uncompressed P-256 point: " + point.length + " octets");
        }
        var x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + COORDINATE_BYTES));
        var y = new BigInteger(1, Arrays.copyOfRange(point, 1 + COORDINATE_BYTES, POINT_BYTES));
        EllipticCurve curve = PARAMETERS.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        // y² = x³ + ax + b (mod p); P-256 has cofactor 1, so every such point is in the group.
        boolean onCurve = x.compareTo(p) < 0 && y.compareTo(p) < 0
                && y.modPow(BigInteger.TWO, p).equals(x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p));
        if (!onCurve) {
            throw new IllegalArgumentException("not a point on the P-256 curve");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 public key: " + e.getMessage(), e);
        }
    }

    /** The private key of a scalar, 32 octets big-endian, as the RFCs' examples give them. */
    static ECPrivateKey privateKey(byte[] scalar) {
        try {
            var spec = new ECPrivateKeySpec(new BigInteger(1, scalar), PARAMETERS);
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key: " + e.getMessage(), e);
        }
    }

    /** The key's uncompressed point. */
    static byte[] encode(ECPublicKey key) {
        byte[] point = new byte[POINT_BYTES];
        point[0] = UNCOMPRESSED;
        unsigned(key.getW().getAffineX(), point, 1);
        unsigned(key.getW().getAffineY(), point, 1 + COORDINATE_BYTES);
        return point;
    }

    /** Whether the key is on P-256 rather than another curve. */
    static boolean isP256(ECParameterSpec spec) {
        return spec.getCurve().equals(PARAMETERS.getCurve()) && spec.getGenerator().equals(PARAMETERS.getGenerator())
                && spec.getOrder().equals(PARAMETERS.getOrder());
    }

    /** The ECDH shared secret: the X coordinate of the product, 32 octets. */
    static byte[] sharedSecret(ECPrivateKey own, ECPublicKey peer) {
        try {
            var agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(own);
            agreement.doPhase(peer, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ECDH on P-256 failed: " + e.getMessage(), e);
        }
    }

    /** Writes the value as 32 octets big-endian from offset: BigInteger adds a sign octet or drops leading zeros. */
    private static void unsigned(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, COORDINATE_BYTES);
        System.arraycopy(bytes, bytes.length - length, target, offset + COORDINATE_BYTES - length, length);
    }

    private static ECParameterSpec parameters() {
        try {
            var parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks the P-256 curve", e);
        }
    }
}
