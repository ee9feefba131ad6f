package org.tegami.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a password from the first line of standard input (--password-stdin). */
final class PasswordInput {

    private PasswordInput() {}

    static String fromStdin() throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on standard input");
        }
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
