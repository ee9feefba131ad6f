package org.tegami.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;

/** A private GnuPG home (0700, its own agent) for one test class: someone's own gpg. */
final class Gpg implements AutoCloseable {

    final Path home;
    final String exe;

    Gpg() throws IOException {
        exe = ExternalTools.require("gpg");
        home = Files.createTempDirectory("gnupg");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    Processes.Run run(byte[] stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of(exe, "--batch", "--no-tty"));
        cmd.addAll(Arrays.asList(args));
        return Processes.run(cmd, stdin, home, Map.of("GNUPGHOME", home.toString()));
    }

    byte[] ok(byte[] stdin, String... args) {
        Processes.Run r = run(stdin, args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.stdout();
    }

    /** Imports an armoured secret key protected by {@code passphrase}. */
    void importSecret(byte[] armored, String passphrase) {
        ok(armored, "--pinentry-mode", "loopback", "--passphrase", passphrase, "--import");
    }

    Path file(String name, byte[] content) throws IOException {
        Path p = home.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Override
    public void close() {
        Processes.run(List.of("gpgconf", "--kill", "gpg-agent"), null, home, Map.of("GNUPGHOME", home.toString()));
        try (var walk = Files.walk(home)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temp files
        }
    }
}
