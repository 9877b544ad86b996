package org.mailpush.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VapidKeysTest {
    @TempDir
    Path directory;

    @Test
    void theFirstStartMakesAPrivateKeyFileAndLaterStartsLoadIt() throws Exception {
        Path keysDirectory = directory.resolve("keys");
        VapidKeys created = VapidKeys.loadOrCreate(keysDirectory);
        Path file = keysDirectory.resolve(VapidKeys.FILE_NAME);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n").contains("-----BEGIN PUBLIC KEY-----\n");
        assertThat(Base64.getUrlDecoder().decode(created.publicKey())).hasSize(65).startsWith(4);
        try (var listing = Files.list(keysDirectory)) {
            assertThat(listing).as("no temporary file left").containsExactly(file);
        }

        VapidKeys loaded = VapidKeys.loadOrCreate(keysDirectory);
        assertThat(loaded.publicKey()).isEqualTo(created.publicKey());
        assertThat(loaded.privateKey().getS()).isEqualTo(created.privateKey().getS());
    }

    @Test
    void aCorruptFileIsAnErrorNamingIt() throws Exception {
        Path file = directory.resolve(VapidKeys.FILE_NAME);
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"
                + "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n");

        assertThatThrownBy(() -> VapidKeys.loadOrCreate(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("corrupt");
        assertThat(Files.readString(file)).as("left as it was").contains("bm90IGEga2V5");
    }

    @Test
    void aFileWithoutKeysOrWithKeysThatDoNotMatchIsCorrupt() throws Exception {
        Path file = directory.resolve(VapidKeys.FILE_NAME);
        Files.writeString(file, "");
        assertThatThrownBy(() -> VapidKeys.loadOrCreate(directory)).hasMessageContaining(file.toString()).hasMessageContaining("lacks");

        VapidKeys one = VapidKeys.of(P256.generate(new SecureRandom()));
        VapidKeys other = VapidKeys.of(P256.generate(new SecureRandom()));
        var pem = Base64.getMimeEncoder();
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(one.privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n"
                + "-----BEGIN PUBLIC KEY-----\n" + pem.encodeToString(other.ecPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> VapidKeys.loadOrCreate(directory)).hasMessageContaining(file.toString())
                .hasMessageContaining("does not belong");
    }
}
