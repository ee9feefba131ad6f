package org.tegami.cryptomail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects private key material at rest with a server key kept outside the database: AES-256-GCM
 * (NIST SP 800-38D) with a random 96-bit nonce per seal, and the caller's context (e.g. "account
 * alice@example.test, key 3E19...") as associated data so a sealed blob cannot be moved to
 * another record. The server key is 32 random bytes in a file readable by its owner only (0600).
 *
 * <p>Sealed format: "TGSK" | version 1 | 8-byte key id (first bytes of SHA-256 of the key) |
 * 12-byte nonce | ciphertext with 16-byte tag. The header is part of the associated data.
 */
public final class SealedKeys {

    private static final byte[] MAGIC = {'T', 'G', 'S', 'K'};
    private static final int VERSION = 1;
    private static final int HEADER = 4 + 1 + 8 + 12;
    private static final int KEY_BYTES = 32;

    /** A key file that is missing, malformed or readable by others. */
    public static final class KeyFileException extends IOException {
        public KeyFileException(String message) {
            super(message);
        }
    }

    /** The outcome of unsealing. */
    public sealed interface Unsealed {
        record Opened(byte[] plaintext) implements Unsealed {}

        /** Wrong server key, wrong context, altered or truncated data. */
        record Failed(String reason) implements Unsealed {}
    }

    private final SecretKeySpec key;
    private final byte[] keyId;
    private final SecureRandom random;

    private SealedKeys(byte[] raw, SecureRandom random) {
        this.key = new SecretKeySpec(raw, "AES");
        this.keyId = Arrays.copyOf(sha256(raw), 8);
        this.random = random;
    }

    /** Creates a new key file with mode 0600 (fails if it exists). */
    public static SealedKeys create(Path file, SecureRandom random) throws IOException {
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        try {
            if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException("the server key file " + file + " already exists");
        }
        Files.write(file, raw);
        return new SealedKeys(raw, random);
    }

    /** Opens an existing key file; refuses one that group or others may read or write. */
    public static SealedKeys open(Path file, SecureRandom random) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new KeyFileException("the server key file " + file + " does not exist");
        }
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            for (PosixFilePermission bad : new PosixFilePermission[] {PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE}) {
                if (p.contains(bad)) {
                    throw new KeyFileException("the server key file " + file + " has mode "
                            + PosixFilePermissions.toString(p) + "; it must be readable by its owner only (chmod 600)");
                }
            }
        }
        byte[] raw = Files.readAllBytes(file);
        if (raw.length != KEY_BYTES) {
            throw new KeyFileException("the server key file " + file + " must hold exactly " + KEY_BYTES + " bytes, not " + raw.length);
        }
        return new SealedKeys(raw, random);
    }

    /** Opens the key file, creating it (0600) if it does not exist yet. */
    public static SealedKeys openOrCreate(Path file, SecureRandom random) throws IOException {
        return Files.exists(file) ? open(file, random) : create(file, random);
    }

    /** Encrypts {@code plaintext} bound to {@code context}. */
    public byte[] seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).put((byte) VERSION).put(keyId).put(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(header.array());
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext);
            return ByteBuffer.allocate(HEADER + ct.length).put(header.array()).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Decrypts a sealed blob made with this server key and the same context. */
    public Unsealed unseal(byte[] sealed, String context) {
        if (sealed.length < HEADER + 16 || !Arrays.equals(Arrays.copyOf(sealed, 4), MAGIC)) {
            return new Unsealed.Failed("not sealed key material (or truncated)");
        }
        if (sealed[4] != VERSION) {
            return new Unsealed.Failed("unknown sealed format version " + sealed[4]);
        }
        if (!Arrays.equals(Arrays.copyOfRange(sealed, 5, 13), keyId)) {
            return new Unsealed.Failed("sealed with a different server key");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 13, 12));
            c.updateAAD(sealed, 0, HEADER);
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new Unsealed.Opened(c.doFinal(sealed, HEADER, sealed.length - HEADER));
        } catch (javax.crypto.AEADBadTagException e) {
            return new Unsealed.Failed("the sealed data was altered or belongs to another context");
        } catch (GeneralSecurityException e) {
            return new Unsealed.Failed("cannot unseal: " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
