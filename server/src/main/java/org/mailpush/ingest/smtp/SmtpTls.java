package org.mailpush.ingest.smtp;

import java.nio.file.Path;
import java.util.Objects;
import org.mailpush.upstream.Secret;

/**
 * The certificate the receiver offers STARTTLS with (RFC 3207): a PKCS#12 or JKS key store holding
 * one private key and its certificate chain. Without it STARTTLS is neither advertised nor accepted.
 *
 * @param keystore the key store file
 * @param password the password of the key store and of the key in it
 */
public record SmtpTls(Path keystore, Secret password) {
    public SmtpTls {
        Objects.requireNonNull(keystore, "smtp.tls.keystore");
        Objects.requireNonNull(password, "smtp.tls.password");
    }
}
