package org.tegami.cryptomail;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.tegami.mime.Address;
import org.tegami.mime.AddressParser;
import org.tegami.mime.MimeEntities;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.PgpDecryptor;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpStructure;
import org.tegami.pgp.PgpVerification;
import org.tegami.pgp.PgpVerifier;
import org.tegami.smime.Certificates;
import org.tegami.smime.SmimeDecryptor;
import org.tegami.smime.SmimeStructure;
import org.tegami.smime.SmimeVerification;
import org.tegami.smime.SmimeVerifier;
import org.tegami.smime.TrustStore;

/**
 * Offline analysis of one message for people and the CLI ({@code tegami crypto inspect}): is it
 * S/MIME or OpenPGP, signed, encrypted; does the signature verify against the trust store and
 * keyring at the given clock, who signed, and why not. Encrypted messages are described from
 * their envelope and, when keys are given, decrypted and analysed inside (signed-then-encrypted,
 * RFC 8551 §3.7, RFC 3156 §6). Any input yields an {@link Inspection}.
 */
public final class CryptoInspector {

    /** How many decrypt-and-look-inside steps are taken before giving up (hostile nesting). */
    static final int MAX_DEPTH = 4;

    private final TrustStore trust;
    private final KeyRing keyring;
    private final Clock clock;
    private final DecryptionKeys keys;

    private CryptoInspector(TrustStore trust, KeyRing keyring, Clock clock, DecryptionKeys keys) {
        this.trust = trust;
        this.keyring = keyring;
        this.clock = clock;
        this.keys = keys;
    }

    public static Inspection inspect(byte[] message, TrustStore trust, KeyRing keyring, Clock clock) {
        return inspect(message, trust, keyring, clock, DecryptionKeys.NONE);
    }

    /** As {@link #inspect(byte[], TrustStore, KeyRing, Clock)}, looking inside encrypted messages with {@code keys}. */
    public static Inspection inspect(byte[] message, TrustStore trust, KeyRing keyring, Clock clock, DecryptionKeys keys) {
        try {
            return new CryptoInspector(trust, keyring, clock, keys).run(message, 0);
        } catch (RuntimeException | StackOverflowError e) {
            // A safety net only: the fuzz tests treat reaching it as a bug.
            return new Inspection(Inspection.NONE, false, false, "none", null,
                    INTERNAL + e.getClass().getSimpleName() + ".", null);
        }
    }

    static final String INTERNAL = "The message could not be analysed because of an internal error: ";

    private Inspection run(byte[] message, int depth) {
        ParsedMessage parsed = MimeParser.parse(message);
        SmimeStructure smime = SmimeStructure.find(parsed, message);
        PgpStructure pgp = PgpStructure.find(parsed, message);
        String from = fromAddress(parsed);
        if (smime != null && (pgp == null || smime.topLevel() || !pgp.topLevel())) {
            return smime.encrypted() ? smimeEncrypted(smime, message, depth)
                    : smime.signed() ? smimeSigned(smime, message, from)
                    : new Inspection(Inspection.SMIME, false, false, "none", null, smimeOther(smime), details(smime));
        }
        if (pgp != null) {
            return pgp.encrypted() ? pgpEncrypted(pgp, message, depth) : pgpSigned(message, pgp, from);
        }
        return new Inspection(Inspection.NONE, false, false, "none", null, "The message is neither signed nor encrypted.", null);
    }

    private static String fromAddress(ParsedMessage parsed) {
        Address a = AddressParser.parseFirst(parsed.headers().value("From"));
        return a == null ? null : a.address();
    }

    // ---- S/MIME

    private Inspection smimeSigned(SmimeStructure s, byte[] message, String from) {
        SmimeVerification v = new SmimeVerifier(trust, clock).verify(s, message);
        String status = status(v.status().name());
        String reason = v.reason();
        X509Certificate cert = v.signer();
        Boolean matches = null;
        List<String> notes = new ArrayList<>();
        if (v.chain() != null) {
            notes.addAll(v.chain().notes());
        }
        if (cert != null && from != null) {
            List<String> emails = Certificates.emailAddresses(cert);
            matches = Certificates.hasAddress(cert, from);
            if (!matches && !emails.isEmpty() && v.cryptographicallyValid()) {
                status = "untrusted";
                reason = "The signature is valid, but the certificate belongs to " + String.join(", ", emails)
                        + ", not to the sender address " + from + ".";
            } else if (!matches) {
                notes.add("the signer's certificate names no e-mail address");
            }
        }
        if (!s.topLevel()) {
            notes.add("only a part of the message is signed; text around it is not covered by the signature");
        }
        Inspection.Details d = new Inspection.Details(format(s), s.topLevel(), cert == null ? null : Certificates.fingerprint(cert),
                matches, v.signingTime() == null ? null : v.signingTime().toString(), v.digestAlgorithm(), v.signatureAlgorithm(),
                null, null, null, null, v.weakAlgorithms(), notes);
        return new Inspection(Inspection.SMIME, v.status() != SmimeVerification.Status.NONE, false, status, v.signerName(), reason, d);
    }

    private Inspection smimeEncrypted(SmimeStructure s, byte[] message, int depth) {
        byte[] der = s.cmsBytes(message);
        SmimeDecryptor dec = new SmimeDecryptor();
        SmimeDecryptor.Envelope env = dec.describe(der);
        String cipher = env == null ? null : env.cipher();
        List<String> weak = env != null && env.weakCipher() ? List.of(env.cipher()) : List.of();
        Inspection.Details d = new Inspection.Details(format(s), s.topLevel(), null, null, null, null, null, cipher,
                env == null ? null : env.keyEncryption(), env == null ? null : env.recipients(), false, weak, null);
        if (env == null) {
            return new Inspection(Inspection.SMIME, false, true, "none", null,
                    "The message claims to be S/MIME encrypted, but its encrypted data is damaged or unreadable.", d);
        }
        String what = "The message is S/MIME encrypted with " + cipher + " for " + count(env.recipients().size());
        if (keys.smime().isEmpty()) {
            return new Inspection(Inspection.SMIME, false, true, "none", null, what + "; no private key is available to decrypt it.", d);
        }
        return switch (dec.decrypt(der, keys.smime())) {
            case SmimeDecryptor.Result.Decrypted ok -> inside(Inspection.SMIME, message, ok.entity(), d, cipher, depth);
            case SmimeDecryptor.Result.NoMatchingKey n -> new Inspection(Inspection.SMIME, false, true, "none", null,
                    what + "; none of the available keys is a recipient.", d);
            case SmimeDecryptor.Result.Failed f -> new Inspection(Inspection.SMIME, false, true, "fail", null,
                    "The message is S/MIME encrypted, but " + f.reason() + ".", d);
            case SmimeDecryptor.Result.NotEncrypted n -> new Inspection(Inspection.SMIME, false, true, "none", null,
                    "The message claims to be S/MIME encrypted, but holds no encrypted data.", d);
        };
    }

    private static String smimeOther(SmimeStructure s) {
        return switch (s.kind()) {
            case COMPRESSED_DATA -> "The message is S/MIME compressed-data, which is neither signed nor encrypted.";
            case CERTS_ONLY -> "The message carries S/MIME certificates only; it is neither signed nor encrypted.";
            default -> "The message has an S/MIME part of an unknown kind; it could not be analysed.";
        };
    }

    private static String format(SmimeStructure s) {
        return switch (s.kind()) {
            case MULTIPART_SIGNED -> "multipart/signed";
            case SIGNED_DATA -> "application/pkcs7-mime; smime-type=signed-data";
            case ENVELOPED_DATA -> "application/pkcs7-mime; smime-type=enveloped-data";
            case AUTH_ENVELOPED_DATA -> "application/pkcs7-mime; smime-type=authEnveloped-data";
            case COMPRESSED_DATA -> "application/pkcs7-mime; smime-type=compressed-data";
            case CERTS_ONLY -> "application/pkcs7-mime; smime-type=certs-only";
            case UNKNOWN -> "application/pkcs7-mime";
        };
    }

    private static Inspection.Details details(SmimeStructure s) {
        return new Inspection.Details(format(s), s.topLevel(), null, null, null, null, null, null, null, null, null, null, null);
    }

    // ---- OpenPGP

    private Inspection pgpSigned(byte[] message, PgpStructure s, String from) {
        PgpVerification v = new PgpVerifier(keyring, clock).verify(message);
        return pgpResult(v, s.inline() ? "inline" : "multipart/signed", s.topLevel(), from, null);
    }

    private Inspection pgpResult(PgpVerification v, String format, boolean whole, String from, Inspection.Details enc) {
        String status = status(v.status().name());
        String reason = v.reason();
        Boolean matches = null;
        List<String> notes = new ArrayList<>();
        if (v.signerKey() != null && from != null) {
            List<String> emails = PgpKeys.emails(v.signerKey().getPublicKey());
            matches = emails.stream().anyMatch(e -> e.equalsIgnoreCase(from));
            if (!matches && !emails.isEmpty() && v.cryptographicallyValid()) {
                status = "untrusted";
                reason = "The signature is valid, but the key belongs to " + String.join(", ", emails)
                        + ", not to the sender address " + from + ".";
            }
        }
        if (!whole) {
            notes.add("only a part of the message is signed; text around it is not covered by the signature");
        }
        String signer = v.signerFingerprint() != null
                ? (v.signerUserId() == null ? v.signerFingerprint() : v.signerUserId() + " [" + v.signerFingerprint() + "]")
                : v.signingKeyId() == null ? null : "key " + v.signingKeyId();
        List<String> weak = new ArrayList<>(v.weakAlgorithms());
        if (enc != null) {
            weak.addAll(enc.weakAlgorithms());
            notes.addAll(enc.notes());
        }
        Inspection.Details d = new Inspection.Details(enc == null ? format : enc.format(), whole && (enc == null || enc.wholeMessage()),
                v.signerFingerprint(), matches, v.signatureTime() == null ? null : v.signatureTime().toString(), v.hashAlgorithm(),
                v.keyAlgorithm(), enc == null ? null : enc.encryptionAlgorithm(), enc == null ? null : enc.keyEncryption(),
                enc == null ? null : enc.recipients(), enc == null ? null : enc.decrypted(), weak, notes);
        boolean signed = v.status() != PgpVerification.Status.NONE;
        return new Inspection(Inspection.PGP, signed, enc != null, status, signer, reason, d);
    }

    private Inspection pgpEncrypted(PgpStructure s, byte[] message, int depth) {
        byte[] data = s.inline() ? s.inlineBody(message) : s.secondPart(message);
        List<String> recipients = PgpDecryptor.recipients(data);
        String format = s.inline() ? "inline" : "multipart/encrypted";
        Inspection.Details d = new Inspection.Details(format, s.topLevel(), null, null, null, null, null, null, null, recipients,
                false, null, null);
        String what = "The message is OpenPGP encrypted for " + (recipients.isEmpty() ? "unknown recipients"
                : "key" + (recipients.size() > 1 ? "s " : " ") + String.join(", ", recipients));
        if (keys.pgp().isEmpty()) {
            return new Inspection(Inspection.PGP, false, true, "none", null, what + "; no private key is available to decrypt it.", d);
        }
        PgpDecryptor dec = new PgpDecryptor(keyring, clock);
        return switch (dec.decryptMessage(message, keys.pgp())) {
            case PgpDecryptor.Result.Decrypted ok -> pgpDecrypted(ok, message, d, depth);
            case PgpDecryptor.Result.NoMatchingKey n -> new Inspection(Inspection.PGP, false, true, "none", null,
                    what + "; none of the available keys is a recipient.", d);
            case PgpDecryptor.Result.WrongPassphrase w -> new Inspection(Inspection.PGP, false, true, "none", null,
                    what + "; the passphrase of key " + w.fingerprint() + " is wrong.", d);
            case PgpDecryptor.Result.Failed f -> new Inspection(Inspection.PGP, false, true, "fail", null,
                    "The message is OpenPGP encrypted, but " + f.reason() + ".", d);
            case PgpDecryptor.Result.NotEncrypted n -> new Inspection(Inspection.PGP, false, true, "none", null,
                    "The message claims to be OpenPGP encrypted, but holds no encrypted data.", d);
        };
    }

    private Inspection pgpDecrypted(PgpDecryptor.Result.Decrypted ok, byte[] message, Inspection.Details d, int depth) {
        Inspection.Details enc = new Inspection.Details(d.format(), d.wholeMessage(), null, null, null, null, null, ok.cipher(), null,
                ok.recipientKeyIds(), true, ok.weakAlgorithms(), List.of("decrypted with key " + ok.decryptedWithKeyId()));
        if (ok.signature().status() != PgpVerification.Status.NONE) {
            String from = fromAddress(MimeParser.parse(message));
            return pgpResult(ok.signature(), d.format(), d.wholeMessage(), from, enc);
        }
        if (ok.inline()) {
            return new Inspection(Inspection.PGP, false, true, "none", null,
                    "The message is OpenPGP encrypted with " + ok.cipher() + " and was decrypted; it is not signed.", enc);
        }
        return inside(Inspection.PGP, message, ok.content(), enc, ok.cipher(), depth);
    }

    // ---- shared

    /** Analyses a decrypted entity (with the outer header for the From address) and merges the result. */
    private Inspection inside(String type, byte[] outer, byte[] entity, Inspection.Details enc, String cipher, int depth) {
        Inspection.Details decrypted = new Inspection.Details(enc.format(), enc.wholeMessage(), null, null, null, null, null,
                cipher, enc.keyEncryption(), enc.recipients(), true, enc.weakAlgorithms(), enc.notes());
        if (depth + 1 >= MAX_DEPTH) {
            return new Inspection(type, false, true, "none", null,
                    "The message was decrypted, but what is inside is nested too deeply to analyse.", decrypted);
        }
        byte[] inner = MimeEntities.join(MimeEntities.split(outer).outerHeaders(), entity);
        Inspection in = run(inner, depth + 1);
        if (!in.signed() && in.encrypted()) {
            // Encrypted again inside: what the innermost layer says is the answer.
            List<String> notes = new ArrayList<>(enc.notes());
            notes.add("the decrypted content is itself encrypted");
            return new Inspection(type, false, true, in.signature(), null, in.reason(), new Inspection.Details(enc.format(),
                    enc.wholeMessage(), null, null, null, null, null, cipher, enc.keyEncryption(), enc.recipients(), true,
                    enc.weakAlgorithms(), notes));
        }
        if (!in.signed()) {
            return new Inspection(type, false, true, "none", null,
                    "The message is encrypted with " + cipher + " and was decrypted; it is not signed inside.", decrypted);
        }
        Inspection.Details s = in.details();
        List<String> weak = new ArrayList<>(enc.weakAlgorithms());
        weak.addAll(s.weakAlgorithms());
        List<String> notes = new ArrayList<>(enc.notes());
        notes.addAll(s.notes());
        if (!in.type().equals(type)) {
            notes.add("the encrypted content is signed with " + in.type());
        }
        Inspection.Details merged = new Inspection.Details(enc.format(), enc.wholeMessage() && s.wholeMessage(), s.signerFingerprint(),
                s.signerMatchesFrom(), s.signingTime(), s.digestAlgorithm(), s.signatureAlgorithm(), cipher, enc.keyEncryption(),
                enc.recipients(), true, weak, notes);
        return new Inspection(type, true, true, in.signature(), in.signer(), in.reason(), merged);
    }

    static String status(String enumName) {
        return switch (enumName) {
            case "PASS" -> "pass";
            case "FAIL" -> "fail";
            case "UNTRUSTED" -> "untrusted";
            case "UNKNOWN_KEY" -> "unknown-key";
            default -> "none";
        };
    }

    private static String count(int n) {
        return n == 1 ? "1 recipient" : n + " recipients";
    }
}
