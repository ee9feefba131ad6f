package org.tegami.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format (the format of libargon2, Dovecot and
 * Stalwart): {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. Defaults follow OWASP's
 * minimum (19 MiB, 2 passes). Each hash uses m KiB of memory, so concurrent computations are
 * capped: a burst of logins queues instead of exhausting the heap.
 */
public final class PasswordHasher {

    public static final int MEMORY_KIB = 19456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;

    private final SecureRandom random;
    private final Semaphore slots;

    public PasswordHasher(SecureRandom random) {
        this.random = random;
        this.slots = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] out = compute(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, 32);
        Base64.Encoder b = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + b.encodeToString(salt) + "$" + b.encodeToString(out);
    }

    /** Constant-time verification; false for malformed hashes. */
    public boolean verify(String password, String phc) {
        if (phc == null || !phc.startsWith("$argon2id$")) {
            return false;
        }
        String[] parts = phc.split("\\$");
        // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
        if (parts.length != 6 || !parts[2].equals("v=19")) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            String[] x = kv.split("=");
            if (x.length != 2) {
                return false;
            }
            int v;
            try {
                v = Integer.parseInt(x[1]);
            } catch (NumberFormatException e) {
                return false;
            }
            switch (x[0]) {
                case "m" -> m = v;
                case "t" -> t = v;
                case "p" -> p = v;
                default -> {
                    return false;
                }
            }
        }
        if (m < 8 || m > 4 * 1024 * 1024 || t < 1 || t > 100 || p < 1 || p > 64) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(parts[4]);
            expected = Base64.getDecoder().decode(parts[5]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (expected.length < 16 || expected.length > 128) {
            return false;
        }
        byte[] actual = compute(password, salt, m, t, p, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    private byte[] compute(String password, byte[] salt, int m, int t, int p, int len) {
        slots.acquireUninterruptibly();
        try {
            Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(m)
                    .withIterations(t)
                    .withParallelism(p)
                    .withSalt(salt)
                    .build();
            Argon2BytesGenerator gen = new Argon2BytesGenerator();
            gen.init(params);
            byte[] out = new byte[len];
            gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
            return out;
        } finally {
            slots.release();
        }
    }
}
