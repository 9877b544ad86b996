package org.mailpush.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a password without putting it on the command line: from a file, a prompt, or standard input. */
final class Secrets {
    private Secrets() {}

    /** The first line of the file if one is given, else what the user types at the prompt, else a line of standard input. */
    static String read(Path file, String prompt) {
        try {
            if (file != null) {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            }
            if (System.console() != null) {
                char[] typed = System.console().readPassword("%s", prompt);
                return typed == null ? "" : new String(typed);
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password: " + e.getMessage(), e);
        }
    }
}
