package org.tegami.cryptomail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.tegami.mime.MimeEntities;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.pgp.KeyEvaluator;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.PgpDecryptor;
import org.tegami.pgp.PgpEncryptor;
import org.tegami.pgp.PgpSecretKey;
import org.tegami.pgp.PgpSigner;
import org.tegami.pgp.PgpStructure;
import org.tegami.smime.SmimeCredential;
import org.tegami.smime.SmimeDecryptor;
import org.tegami.smime.SmimeEncryptor;
import org.tegami.smime.SmimeSigner;
import org.tegami.smime.SmimeStructure;
import org.tegami.smime.TrustStore;

/**
 * The encryption-gateway operations the mail pipeline calls: sign and encrypt outbound mail by
 * policy, verify inbound signatures into an {@code X-Tegami-Signature} header, decrypt for
 * accounts that deposited keys, encrypt at rest, and harvest keys from verified mail. Each
 * operation returns an {@link Outcome} value; none throws on message content.
 */
public final class CryptoGateway {

    /** The header that records the verification result; removed from mail arriving from outside. */
    public static final String SIGNATURE_HEADER = "X-Tegami-Signature";

    public enum SignPolicy { NEVER, ALWAYS }

    public enum EncryptPolicy { NEVER, WHEN_POSSIBLE, REQUIRED }

    public enum Format { SMIME, PGP }

    /** A sender's signing keys (either may be null) and the format to use when both exist. */
    public record SignerKeys(SmimeCredential smime, PgpSecretKey pgp, Format preferred) {}

    /** The keys known for one recipient address (from the key store and harvesting). */
    public record RecipientKeys(String address, List<X509Certificate> certificates, List<PGPPublicKeyRing> pgpKeys) {
        public RecipientKeys {
            certificates = List.copyOf(certificates);
            pgpKeys = List.copyOf(pgpKeys);
        }
    }

    /** The key a user uploaded for encryption at rest. */
    public sealed interface AtRestKey {
        record Smime(X509Certificate certificate) implements AtRestKey {}

        record Pgp(PGPPublicKeyRing key) implements AtRestKey {}
    }

    /** What an operation did. */
    public sealed interface Outcome {
        /** The message was transformed (signed, encrypted or decrypted). */
        record Changed(byte[] message, Format format, String description) implements Outcome {}

        /** Nothing to do (policy off, already protected, not encrypted to us); the message as given. */
        record Unchanged(byte[] message, String reason) implements Outcome {}

        /** Encryption is required but these recipients have no usable key: bounce naming them. */
        record MissingKeys(List<String> recipients, String reason) implements Outcome {}

        /** The operation could not be done (signing key invalid, damaged ciphertext, wrong passphrase). */
        record Refused(String reason) implements Outcome {}
    }

    /** The inbound verification: the header value to add and the full inspection. */
    public record Verified(String headerValue, Inspection inspection) {}

    /**
     * Keys learned from a verified signed message, to store as unverified (DESIGN: keys learned
     * from mail are never trusted by themselves).
     *
     * @param signatureTrusted whether the signature already passed with known trust
     */
    public record Harvest(List<X509Certificate> certificates, List<PGPPublicKeyRing> pgpKeys, String signer,
            boolean signatureTrusted) {
        public Harvest {
            certificates = List.copyOf(certificates);
            pgpKeys = List.copyOf(pgpKeys);
        }

        public boolean isEmpty() {
            return certificates.isEmpty() && pgpKeys.isEmpty();
        }
    }

    private final TrustStore trust;
    private final KeyRing keyring;
    private final Clock clock;
    private final SecureRandom random;

    public CryptoGateway(TrustStore trust, KeyRing keyring, Clock clock, SecureRandom random) {
        this.trust = trust;
        this.keyring = keyring;
        this.clock = clock;
        this.random = random;
    }

    // ---- outbound

    /** Signs a submitted message when the policy says so (RFC 8551 §3.5 / RFC 3156 §5). */
    public Outcome signOutbound(byte[] message, SignPolicy policy, SignerKeys signer) {
        if (policy == SignPolicy.NEVER) {
            return new Outcome.Unchanged(message, "signing is off");
        }
        String protectedBy = alreadyProtected(message);
        if (protectedBy != null) {
            return new Outcome.Unchanged(message, "the sender already " + protectedBy + " the message");
        }
        Format f = signingFormat(signer);
        if (f == null) {
            return new Outcome.Refused("signing is required but the sender has no signing key");
        }
        if (f == Format.SMIME) {
            return switch (new SmimeSigner(clock, random).signMessage(message, signer.smime(), SmimeSigner.Options.DEFAULT)) {
                case SmimeSigner.Result.Signed s -> new Outcome.Changed(s.entity(), Format.SMIME, "signed with S/MIME (" + s.micalg() + ")");
                case SmimeSigner.Result.Refused r -> new Outcome.Refused(r.reason());
            };
        }
        return switch (new PgpSigner(clock, random).signMessage(message, signer.pgp())) {
            case PgpSigner.Result.Signed s -> new Outcome.Changed(s.bytes(), Format.PGP, "signed with OpenPGP (" + s.micalg() + ")");
            case PgpSigner.Result.Refused r -> new Outcome.Refused(r.reason());
        };
    }

    private static Format signingFormat(SignerKeys s) {
        if (s == null) {
            return null;
        }
        if (s.preferred() == Format.PGP && s.pgp() != null || s.smime() == null && s.pgp() != null) {
            return Format.PGP;
        }
        return s.smime() != null ? Format.SMIME : null;
    }

    /**
     * Encrypts a message to all its recipients when the policy says so, in one format that
     * covers everyone (the preferred one when it does). With {@code REQUIRED}, recipients without
     * a usable key give {@link Outcome.MissingKeys}; with {@code WHEN_POSSIBLE} the message goes
     * out unencrypted. A non-null {@code signer} also signs (S/MIME: signed then enveloped,
     * RFC 8551 §3.7; OpenPGP: one combined message, RFC 3156 §6.2).
     */
    public Outcome encryptOutbound(byte[] message, EncryptPolicy policy, List<RecipientKeys> recipients, SignerKeys signer,
            Format preferred) {
        if (policy == EncryptPolicy.NEVER) {
            return new Outcome.Unchanged(message, "encryption is off");
        }
        String protectedBy = alreadyProtected(message);
        if (protectedBy != null && protectedBy.equals("encrypted")) {
            return new Outcome.Unchanged(message, "the sender already encrypted the message");
        }
        Instant now = clock.instant();
        List<String> noSmime = new ArrayList<>();
        List<String> noPgp = new ArrayList<>();
        List<X509Certificate> certs = new ArrayList<>();
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (RecipientKeys r : recipients) {
            X509Certificate c = r.certificates().stream().filter(x -> SmimeEncryptor.recipientProblem(x, now) == null)
                    .findFirst().orElse(null);
            PGPPublicKeyRing k = r.pgpKeys().stream().filter(x -> KeyEvaluator.evaluate(x, now).encryptionKey(now) != null)
                    .findFirst().orElse(null);
            if (c == null) {
                noSmime.add(r.address());
            } else {
                certs.add(c);
            }
            if (k == null) {
                noPgp.add(r.address());
            } else {
                rings.add(k);
            }
        }
        Format f = encryptionFormat(preferred, signer, noSmime.isEmpty(), noPgp.isEmpty());
        if (recipients.isEmpty() || f == null) {
            List<String> missing = recipients.isEmpty() ? List.of() : noSmime.size() <= noPgp.size() ? noSmime : noPgp;
            String reason = recipients.isEmpty() ? "no recipients" : "no encryption key for: " + String.join(", ", missing);
            return policy == EncryptPolicy.REQUIRED ? new Outcome.MissingKeys(missing, reason)
                    : new Outcome.Unchanged(message, "not encrypted: " + reason);
        }
        return f == Format.SMIME ? encryptSmime(message, certs, signer) : encryptPgp(message, rings, signer);
    }

    private static Format encryptionFormat(Format preferred, SignerKeys signer, boolean smimeOk, boolean pgpOk) {
        Format want = preferred != null ? preferred : signer != null ? signingFormat(signer) : null;
        if (want == Format.SMIME && smimeOk || want == Format.PGP && pgpOk) {
            return want;
        }
        return pgpOk ? Format.PGP : smimeOk ? Format.SMIME : null;
    }

    private Outcome encryptSmime(byte[] message, List<X509Certificate> certs, SignerKeys signer) {
        MimeEntities.Split split = MimeEntities.split(message);
        byte[] entity = split.entity();
        String signedNote = "";
        if (signer != null && signer.smime() != null) {
            switch (new SmimeSigner(clock, random).sign(entity, signer.smime(), SmimeSigner.Options.DEFAULT)) {
                case SmimeSigner.Result.Signed s -> {
                    entity = s.entity();
                    signedNote = "signed and ";
                }
                case SmimeSigner.Result.Refused r -> {
                    return new Outcome.Refused(r.reason());
                }
            }
        }
        return switch (new SmimeEncryptor(clock, random).encrypt(entity, certs, SmimeEncryptor.Options.DEFAULT)) {
            case SmimeEncryptor.Result.Encrypted e -> new Outcome.Changed(MimeEntities.join(split.outerHeaders(), e.bytes()),
                    Format.SMIME, signedNote + "encrypted with S/MIME (" + SmimeEncryptor.Options.DEFAULT.cipher().label() + ") for "
                    + certs.size() + " recipient(s)");
            case SmimeEncryptor.Result.Refused r -> new Outcome.Refused(r.reason());
        };
    }

    private Outcome encryptPgp(byte[] message, List<PGPPublicKeyRing> rings, SignerKeys signer) {
        PgpSecretKey sk = signer == null ? null : signer.pgp();
        return switch (new PgpEncryptor(clock, random).encryptMessage(message, rings, sk)) {
            case PgpEncryptor.Result.Encrypted e -> new Outcome.Changed(e.bytes(), Format.PGP, (sk != null ? "signed and " : "")
                    + "encrypted with OpenPGP (" + e.cipher() + ") for " + e.recipientKeyIds().size() + " key(s)");
            case PgpEncryptor.Result.Refused r -> new Outcome.Refused(r.reason());
        };
    }

    /** "signed" or "encrypted" when the message already carries S/MIME or OpenPGP protection at top level. */
    static String alreadyProtected(byte[] message) {
        ParsedMessage parsed = MimeParser.parse(message);
        SmimeStructure s = SmimeStructure.find(parsed, message);
        PgpStructure p = PgpStructure.find(parsed, message);
        if (s != null && s.topLevel() && s.encrypted() || p != null && p.topLevel() && p.encrypted()) {
            return "encrypted";
        }
        if (s != null && s.topLevel() && s.signed() || p != null && p.topLevel() && p.signed()) {
            return "signed";
        }
        return null;
    }

    // ---- inbound

    /**
     * Verifies an inbound message. The header value reads e.g. {@code smime; pass;
     * signer=alice@example.test}, {@code pgp; untrusted; signer="Alice <a@x> [FPR]"}, {@code pgp;
     * none; encrypted} or {@code none}. Use {@link #withSignatureHeader} to set it.
     */
    public Verified verifyInbound(byte[] message) {
        Inspection i = CryptoInspector.inspect(message, trust, keyring, clock);
        StringBuilder v = new StringBuilder(i.type());
        if (!i.type().equals(Inspection.NONE)) {
            v.append("; ").append(i.signature());
            if (i.signer() != null) {
                v.append("; signer=").append(headerValue(i.signer()));
            }
            if (i.encrypted() && !i.signed()) {
                v.append("; encrypted");
            }
        }
        return new Verified(v.toString(), i);
    }

    /** A token as is, or a quoted-string (RFC 5322 §3.2.4) with CR/LF removed. */
    static String headerValue(String s) {
        String clean = s.replaceAll("[\\r\\n\\x00-\\x1f]", " ");
        if (clean.matches("[A-Za-z0-9.@_+\\-]+")) {
            return clean;
        }
        return "\"" + clean.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Removes every top-level X-Tegami-Signature field (as arriving from outside). */
    public static byte[] stripSignatureHeader(byte[] message) {
        return withSignatureHeader(message, null);
    }

    /** Replaces all top-level X-Tegami-Signature fields by one with this value (null: none). */
    public static byte[] withSignatureHeader(byte[] message, String value) {
        int bodyStart = MimeParser.parse(message).root().bodyStart();
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 100);
        if (value != null) {
            out.writeBytes((SIGNATURE_HEADER + ": " + value.replaceAll("[\\r\\n]", " ") + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        boolean skipping = false;
        int i = 0;
        while (i < bodyStart) {
            int end = i;
            while (end < bodyStart && message[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, bodyStart);
            boolean continuation = message[i] == ' ' || message[i] == '\t';
            if (!continuation) {
                skipping = startsWithIgnoreCase(message, i, SIGNATURE_HEADER + ":");
            }
            if (!skipping) {
                out.write(message, i, next - i);
            }
            i = next;
        }
        out.write(message, bodyStart, message.length - bodyStart);
        return out.toByteArray();
    }

    private static boolean startsWithIgnoreCase(byte[] b, int off, String s) {
        if (off + s.length() > b.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (Character.toLowerCase((char) b[off + k]) != Character.toLowerCase(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decrypts a message for an account that deposited keys. The result keeps the outer header
     * and replaces the encrypted entity by the plaintext one (inline OpenPGP: a text/plain body).
     * Not encrypted, or not to these keys: {@link Outcome.Unchanged}.
     */
    public Outcome decryptInbound(byte[] message, DecryptionKeys keys) {
        ParsedMessage parsed = MimeParser.parse(message);
        SmimeStructure s = SmimeStructure.find(parsed, message);
        PgpStructure p = PgpStructure.find(parsed, message);
        byte[] outer = MimeEntities.split(message).outerHeaders();
        if (s != null && s.topLevel() && s.encrypted()) {
            return switch (new SmimeDecryptor().decryptMessage(message, keys.smime())) {
                case SmimeDecryptor.Result.Decrypted d -> new Outcome.Changed(MimeEntities.join(outer, d.entity()), Format.SMIME,
                        "decrypted (" + d.envelope().cipher() + ")");
                case SmimeDecryptor.Result.NoMatchingKey n -> new Outcome.Unchanged(message, "not encrypted to this account's keys");
                case SmimeDecryptor.Result.NotEncrypted n -> new Outcome.Unchanged(message, "not encrypted");
                case SmimeDecryptor.Result.Failed f -> new Outcome.Refused(f.reason());
            };
        }
        if (p != null && p.topLevel() && p.encrypted()) {
            return switch (new PgpDecryptor(keyring, clock).decryptMessage(message, keys.pgp())) {
                case PgpDecryptor.Result.Decrypted d -> new Outcome.Changed(MimeEntities.join(outer, d.inline()
                        ? textEntity(d.content()) : d.content()), Format.PGP, "decrypted (" + d.cipher() + ")");
                case PgpDecryptor.Result.NoMatchingKey n -> new Outcome.Unchanged(message, "not encrypted to this account's keys");
                case PgpDecryptor.Result.NotEncrypted n -> new Outcome.Unchanged(message, "not encrypted");
                case PgpDecryptor.Result.WrongPassphrase w -> new Outcome.Refused("the passphrase of key " + w.fingerprint() + " is wrong");
                case PgpDecryptor.Result.Failed f -> new Outcome.Refused(f.reason());
            };
        }
        return new Outcome.Unchanged(message, "not encrypted");
    }

    private static byte[] textEntity(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length * 4 / 3 + 100);
        out.writeBytes("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(MimeEntities.base64(text));
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * Encrypts a message for storage with the key the account uploaded. From, To, Cc, Subject,
     * Date, Message-ID and the other non-Content fields stay readable outside, so IMAP listings
     * and threading work; the body and its Content-* fields are inside. S/MIME uses enveloped-data
     * with AES-256-CBC and PKCS #1 v1.5 (what every client opens); OpenPGP a PGP/MIME message.
     * A message that is already encrypted is stored as it is.
     */
    public Outcome encryptAtRest(byte[] message, AtRestKey key) {
        if ("encrypted".equals(alreadyProtected(message))) {
            return new Outcome.Unchanged(message, "already encrypted");
        }
        return switch (key) {
            case AtRestKey.Smime s -> switch (new SmimeEncryptor(clock, random).encryptMessage(message, List.of(s.certificate()),
                    SmimeEncryptor.Options.COMPATIBLE)) {
                case SmimeEncryptor.Result.Encrypted e -> new Outcome.Changed(e.bytes(), Format.SMIME, "encrypted at rest with S/MIME");
                case SmimeEncryptor.Result.Refused r -> new Outcome.Refused(r.reason());
            };
            case AtRestKey.Pgp p -> switch (new PgpEncryptor(clock, random).encryptMessage(message, List.of(p.key()), null)) {
                case PgpEncryptor.Result.Encrypted e -> new Outcome.Changed(e.bytes(), Format.PGP, "encrypted at rest with OpenPGP");
                case PgpEncryptor.Result.Refused r -> new Outcome.Refused(r.reason());
            };
        };
    }

    /**
     * The certificates and keys of a message whose signature verifies (even if not trusted yet):
     * the S/MIME signer's certificate with the chain it carried, or the OpenPGP key that made the
     * signature (from an Autocrypt header or an application/pgp-keys part). Empty otherwise.
     */
    public Harvest harvest(byte[] message) {
        var sv = new org.tegami.smime.SmimeVerifier(trust, clock).verify(message);
        if (sv.cryptographicallyValid() && sv.signer() != null) {
            List<X509Certificate> certs = new ArrayList<>();
            certs.add(sv.signer());
            sv.certificates().stream().filter(c -> !c.equals(sv.signer())).forEach(certs::add);
            return new Harvest(certs, List.of(), sv.signerName(), sv.status() == org.tegami.smime.SmimeVerification.Status.PASS);
        }
        var pv = new org.tegami.pgp.PgpVerifier(keyring, clock).verify(message);
        if (pv.cryptographicallyValid() && pv.signerKey() != null) {
            return new Harvest(List.of(), List.of(pv.signerKey()), pv.signerUserId(),
                    pv.status() == org.tegami.pgp.PgpVerification.Status.PASS);
        }
        return new Harvest(List.of(), List.of(), null, false);
    }
}
