package org.tegami.directory;

import java.security.SecureRandom;
import org.tegami.sasl.CramMd5Secret;
import org.tegami.sasl.ScramKeys;
import org.tegami.store.Credentials;

/** Turns a new password into what is stored: Argon2id hash, SCRAM keys, optional CRAM-MD5 secret. */
public final class CredentialFactory {

    /** Passwords shorter than this are refused at user add / passwd. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final PasswordHasher hasher;
    private final SecureRandom random;

    public CredentialFactory(PasswordHasher hasher, SecureRandom random) {
        this.hasher = hasher;
        this.random = random;
    }

    public Credentials create(String password, boolean withCramMd5) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password too short: use at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password too long");
        }
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c == '\0' || c == '\r' || c == '\n') {
                throw new IllegalArgumentException("password must not contain NUL, CR or LF");
            }
        }
        return new Credentials(
                hasher.hash(password),
                ScramKeys.derive(password, random).encode(),
                withCramMd5 ? CramMd5Secret.derive(password).encode() : null);
    }

    /** A random password of 20 characters from an unambiguous alphabet (for `user add` without one). */
    public String generatePassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
