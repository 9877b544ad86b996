package org.mailpush.push.webpush;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application server's VAPID key pair (RFC 8292 §3): one ES256 (P-256) pair for the server's
 * life, since every subscription a browser made names its public key. A browser subscribes with
 * {@link #publicKey()} as its {@code applicationServerKey}; a new key pair would orphan them all.
 *
 * <p>Kept in {@value #FILE_NAME} in a directory the server owns, readable by its owner only
 * (0600): the private key as PKCS#8 and the public key as X.509 SubjectPublicKeyInfo, both PEM, so
 * {@code openssl pkey} reads the file too. Immutable and thread-safe.
 */
public final class VapidKeys {
    /** The file's name in the directory given to {@link #loadOrCreate}. */
    public static final String FILE_NAME = "vapid-p256.pem";
    private static final Logger LOG = LoggerFactory.getLogger(VapidKeys.class);
    private static final Pattern PEM = Pattern.compile("-----BEGIN (PRIVATE KEY|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final String publicKeyText;

    private VapidKeys(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyText = Base64.getUrlEncoder().withoutPadding().encodeToString(P256.encode(publicKey));
    }

    /**
     * Loads the key pair from {@value #FILE_NAME} in the directory, or, when there is none, generates
     * one and writes it there (the directory is created when missing).
     *
     * @throws IllegalStateException naming the file when it cannot be read or written, or does not
     *                               hold a matching P-256 key pair
     */
    public static VapidKeys loadOrCreate(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            return load(file, Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return create(directory, file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the VAPID key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Keys held in memory only, for tests. */
    static VapidKeys of(KeyPair pair) {
        return new VapidKeys((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
    }

    /** The public key as a browser's {@code applicationServerKey} and VAPID's {@code k}: the uncompressed point in base64url. */
    public String publicKey() {
        return publicKeyText;
    }

    ECPrivateKey privateKey() {
        return privateKey;
    }

    ECPublicKey ecPublicKey() {
        return publicKey;
    }

    private static VapidKeys load(Path file, String text) {
        byte[] pkcs8 = null;
        byte[] spki = null;
        Matcher block = PEM.matcher(text);
        while (block.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(block.group(2));
            } catch (IllegalArgumentException e) {
                throw corrupt(file, "its " + block.group(1) + " block is not base64: " + e.getMessage());
            }
            if (block.group(1).equals("PRIVATE KEY")) {
                pkcs8 = der;
            } else {
                spki = der;
            }
        }
        if (pkcs8 == null || spki == null) {
            throw corrupt(file, "it lacks a PEM PRIVATE KEY or PUBLIC KEY block");
        }
        VapidKeys keys;
        try {
            var factory = KeyFactory.getInstance("EC");
            keys = new VapidKeys((ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                    (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw corrupt(file, "its keys are not EC keys: " + e.getMessage());
        }
        if (!P256.isP256(keys.privateKey.getParams()) || !P256.isP256(keys.publicKey.getParams())) {
            throw corrupt(file, "its keys are not on the P-256 curve");
        }
        if (!keys.matching()) {
            throw corrupt(file, "its public key does not belong to its private key");
        }
        warnUnlessPrivate(file);
        return keys;
    }

    private static VapidKeys create(Path directory, Path file) {
        VapidKeys keys = of(P256.generate(new SecureRandom()));
        Base64.Encoder pem = Base64.getMimeEncoder(64, new byte[] {'\n'});
        String text = "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(keys.privateKey.getEncoded()) + "\n-----END PRIVATE KEY-----\n"
                + "-----BEGIN PUBLIC KEY-----\n" + pem.encodeToString(keys.publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        try {
            Files.createDirectories(directory);
            // Written whole to a private temporary file and renamed, so no reader sees half a key.
            Path temporary = posix(directory)
                    ? Files.createTempFile(directory, ".vapid", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(directory, ".vapid", ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the VAPID key file " + file + ": " + e.getMessage(), e);
        }
        LOG.info("generated a VAPID key pair in {}; public key {}", file, keys.publicKey());
        return keys;
    }

    /** Whether the private key signs what the public key verifies. */
    private boolean matching() {
        try {
            byte[] probe = "mailpush VAPID key check".getBytes(StandardCharsets.US_ASCII);
            var signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(probe);
            var verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void warnUnlessPrivate(Path file) {
        if (!posix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                LOG.warn("the VAPID key file {} is readable by others ({}); it should be 0600",
                        file, PosixFilePermissions.toString(permissions));
            }
        } catch (IOException e) {
            LOG.warn("cannot read the permissions of the VAPID key file {}: {}", file, e.getMessage());
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static IllegalStateException corrupt(Path file, String why) {
        return new IllegalStateException("the VAPID key file " + file + " is corrupt: " + why
                + "; restore it from a backup, or delete it to make a new key pair (every browser must then subscribe again)");
    }
}
