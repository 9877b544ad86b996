package org.mailpush.api;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that authorises the admin API, kept in a file readable by its owner only. The server
 * creates it on first start; the command line reads it to talk to a running server.
 */
public record AdminToken(String value) {
    public static final String FILE_NAME = "admin-token";

    public AdminToken {
        if (value == null || value.length() < 32) {
            throw new IllegalArgumentException("admin token must be at least 32 characters");
        }
    }

    /** A fresh random token, e.g. for a short-lived API the command line runs itself. */
    public static AdminToken random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Reads the token from the data directory, creating it (mode 600) when there is none. */
    public static AdminToken loadOrCreate(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            String token = random().value();
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, token + "\n");
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            }
        }
        return load(file);
    }

    public static AdminToken load(Path file) throws IOException {
        return new AdminToken(Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    /** Whether a presented token is this one, in constant time. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Lets the request through when it carries this token as bearer; else answers 401. */
    void require(Context ctx) {
        String header = ctx.header("Authorization");
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
        if (!matches(presented)) {
            throw new UnauthorizedResponse("the admin API needs 'Authorization: Bearer <admin token>'");
        }
    }

    @Override
    public String toString() {
        return "AdminToken[******]";
    }
}
