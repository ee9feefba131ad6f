package org.tegami.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name without asking DNS (tests must never use the system resolver). */
public final class Hostnames {

    private Hostnames() {}

    public static String local() {
        try {
            Path p = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(p)) {
                String h = Files.readString(p).strip();
                if (!h.isEmpty()) {
                    return h;
                }
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "localhost" : env.strip();
    }
}
