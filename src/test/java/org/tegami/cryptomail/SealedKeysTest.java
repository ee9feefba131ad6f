package org.tegami.cryptomail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedKeysTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final byte[] SECRET = "-----BEGIN PRIVATE KEY-----\nMIIE...\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void createdKeyFileIsOwnerOnlyAndSealsRoundTrip() throws Exception {
        Path f = dir.resolve("server.key");
        SealedKeys k = SealedKeys.create(f, RANDOM);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(Files.size(f)).isEqualTo(32);
        byte[] sealed = k.seal(SECRET, "account alice@example.test");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).startsWith("TGSK").doesNotContain("PRIVATE KEY");
        SealedKeys reopened = SealedKeys.open(f, RANDOM);
        assertThat(reopened.unseal(sealed, "account alice@example.test"))
                .isInstanceOfSatisfying(SealedKeys.Unsealed.Opened.class, o -> assertThat(o.plaintext()).isEqualTo(SECRET));
        assertThat(k.seal(SECRET, "x")).isNotEqualTo(k.seal(SECRET, "x")); // fresh nonce each time
        assertThatThrownBy(() -> SealedKeys.create(f, RANDOM)).isInstanceOf(SealedKeys.KeyFileException.class);
        assertThat(SealedKeys.openOrCreate(f, RANDOM).unseal(sealed, "account alice@example.test"))
                .isInstanceOf(SealedKeys.Unsealed.Opened.class);
    }

    @Test
    void wrongContextKeyOrAlteredDataFail() throws Exception {
        SealedKeys k = SealedKeys.create(dir.resolve("a.key"), RANDOM);
        SealedKeys other = SealedKeys.create(dir.resolve("b.key"), RANDOM);
        byte[] sealed = k.seal(SECRET, "account alice");
        assertThat(k.unseal(sealed, "account mallory")).isInstanceOfSatisfying(SealedKeys.Unsealed.Failed.class,
                f -> assertThat(f.reason()).contains("another context"));
        assertThat(other.unseal(sealed, "account alice")).isInstanceOfSatisfying(SealedKeys.Unsealed.Failed.class,
                f -> assertThat(f.reason()).contains("different server key"));
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThat(k.unseal(flipped, "account alice")).isInstanceOf(SealedKeys.Unsealed.Failed.class);
        for (int cut : new int[] {0, 3, 20, sealed.length - 1}) {
            assertThat(k.unseal(Arrays.copyOf(sealed, cut), "account alice")).isInstanceOf(SealedKeys.Unsealed.Failed.class);
        }
    }

    @Test
    void keyFileReadableByOthersOrOfTheWrongSizeIsRefused() throws Exception {
        Path f = dir.resolve("loose.key");
        SealedKeys.create(f, RANDOM);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SealedKeys.open(f, RANDOM)).isInstanceOf(SealedKeys.KeyFileException.class)
                .hasMessageContaining("chmod 600");
        Path small = dir.resolve("small.key");
        Files.write(small, new byte[16]);
        Files.setPosixFilePermissions(small, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> SealedKeys.open(small, RANDOM)).hasMessageContaining("exactly 32 bytes");
        assertThatThrownBy(() -> SealedKeys.open(dir.resolve("missing.key"), RANDOM)).hasMessageContaining("does not exist");
    }
}
