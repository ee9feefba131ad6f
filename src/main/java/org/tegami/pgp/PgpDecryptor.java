package org.tegami.pgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;

/**
 * Decrypts OpenPGP messages: PGP/MIME multipart/encrypted (RFC 3156 §4) and inline armoured
 * messages. Only integrity-protected data is accepted (SEIPD v1 with MDC or v2 AEAD, RFC 9580
 * §5.13); the MDC is checked after reading. A signature inside the encryption (RFC 3156 §6.2) or a
 * PGP/MIME signed entity inside it (§6.1) is verified. Decompression is bounded.
 */
public final class PgpDecryptor {

    /** The outcome of decrypting. */
    public sealed interface Result {
        /**
         * @param content the plaintext: a MIME entity (PGP/MIME) or text (inline)
         * @param signature the signature inside, or NONE
         */
        record Decrypted(byte[] content, String cipher, List<String> weakAlgorithms, String decryptedWithKeyId,
                List<String> recipientKeyIds, PgpVerification signature, boolean inline) implements Result {}

        record NotEncrypted() implements Result {}

        /** None of the given keys is a recipient (or the message is passphrase-encrypted only). */
        record NoMatchingKey(List<String> recipientKeyIds) implements Result {}

        record WrongPassphrase(String fingerprint, List<String> recipientKeyIds) implements Result {}

        /** Damaged, truncated, altered or unprotected data. */
        record Failed(String reason, List<String> recipientKeyIds) implements Result {}
    }

    private static final int MAX_NESTING = 8;

    private final KeyRing keyring;
    private final Clock clock;

    /** The keyring is used to verify signatures found inside the encryption. */
    public PgpDecryptor(KeyRing keyring, Clock clock) {
        this.keyring = keyring;
        this.clock = clock;
    }

    /** Finds the encrypted OpenPGP part of a message and decrypts it. */
    public Result decryptMessage(byte[] message, List<PgpSecretKey> keys) {
        try {
            ParsedMessage parsed = MimeParser.parse(message);
            PgpStructure s = PgpStructure.find(parsed, message);
            if (s == null || !s.encrypted()) {
                return new Result.NotEncrypted();
            }
            List<PGPPublicKeyRing> attached = PgpStructure.attachedKeys(parsed, message);
            byte[] data = s.inline() ? s.inlineBody(message) : s.secondPart(message);
            Result r = decrypt(data, keys, attached, s.inline());
            if (r instanceof Result.Decrypted d && !d.inline() && d.signature().status() == PgpVerification.Status.NONE) {
                // RFC 3156 §6.1: signed, then encrypted: the plaintext is a multipart/signed entity.
                PgpVerification nested = new PgpVerifier(keyring, clock).verify(d.content());
                if (nested.status() != PgpVerification.Status.NONE) {
                    return new Result.Decrypted(d.content(), d.cipher(), d.weakAlgorithms(), d.decryptedWithKeyId(),
                            d.recipientKeyIds(), nested, false);
                }
            }
            return r;
        } catch (RuntimeException e) {
            return new Result.Failed("the encrypted message could not be read: " + PgpKeys.message(e), List.of());
        }
    }

    /** The recipient key IDs of armoured or binary encrypted data, without decrypting; empty if none. */
    public static List<String> recipients(byte[] data) {
        try {
            PGPEncryptedDataList list = encryptedDataList(data);
            return list == null ? List.of() : recipientIds(list);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Decrypts armoured or binary OpenPGP data. */
    public Result decrypt(byte[] data, List<PgpSecretKey> keys, List<PGPPublicKeyRing> attached, boolean inline) {
        try {
            return decryptParsed(data, keys, attached, inline);
        } catch (RuntimeException e) {
            // Bouncy Castle reports some malformed packets with unchecked exceptions.
            return new Result.Failed("the encrypted data is damaged: " + PgpKeys.message(e), List.of());
        }
    }

    private Result decryptParsed(byte[] data, List<PgpSecretKey> keys, List<PGPPublicKeyRing> attached, boolean inline) {
        PGPEncryptedDataList list;
        try {
            list = encryptedDataList(data);
        } catch (IOException | RuntimeException e) {
            return new Result.Failed("the encrypted data is damaged: " + PgpKeys.message(e), List.of());
        }
        if (list == null) {
            return new Result.NotEncrypted();
        }
        List<String> recipients = recipientIds(list);
        String wrongPassphrase = null;
        for (PGPEncryptedData ed : list) {
            if (!(ed instanceof PGPPublicKeyEncryptedData pked)) {
                continue;
            }
            for (PgpSecretKey key : keys) {
                long id = pked.getKeyID();
                List<Long> candidates = id != 0 ? List.of(id) : allKeyIds(key); // 0: anonymous recipient
                for (long kid : candidates) {
                    if (!key.has(kid)) {
                        continue;
                    }
                    PGPPrivateKey priv = key.privateKey(kid);
                    if (priv == null) {
                        wrongPassphrase = key.fingerprint();
                        continue;
                    }
                    Result r = open(pked, priv, kid, recipients, attached, inline);
                    if (!(r instanceof Result.Failed) || id != 0) {
                        return r;
                    }
                }
            }
        }
        if (wrongPassphrase != null) {
            return new Result.WrongPassphrase(wrongPassphrase, recipients);
        }
        return new Result.NoMatchingKey(recipients);
    }

    private static PGPEncryptedDataList encryptedDataList(byte[] data) throws IOException {
        byte[] bin = PgpPackets.binary(data);
        String bad = PgpPackets.guard(bin);
        if (bad != null) {
            throw new IOException(bad);
        }
        JcaPGPObjectFactory f = new JcaPGPObjectFactory(new ByteArrayInputStream(bin));
        for (int n = 0; n < 8; n++) {
            Object o = f.nextObject();
            if (o instanceof PGPEncryptedDataList l) {
                return l;
            }
            if (!(o instanceof PGPMarker)) {
                return null;
            }
        }
        return null;
    }

    private static List<String> recipientIds(PGPEncryptedDataList list) {
        List<String> out = new ArrayList<>();
        for (PGPEncryptedData ed : list) {
            if (ed instanceof PGPPublicKeyEncryptedData p) {
                out.add(p.getKeyID() == 0 ? "anonymous" : PgpPackets.keyId(p.getKeyID()));
            } else if (ed instanceof PGPPBEEncryptedData) {
                out.add("passphrase");
            }
        }
        return out;
    }

    private static List<Long> allKeyIds(PgpSecretKey key) {
        List<Long> ids = new ArrayList<>();
        for (Iterator<org.bouncycastle.openpgp.PGPSecretKey> it = key.ring().getSecretKeys(); it.hasNext();) {
            ids.add(it.next().getKeyID());
        }
        return ids;
    }

    private Result open(PGPPublicKeyEncryptedData pked, PGPPrivateKey priv, long keyId, List<String> recipients,
            List<PGPPublicKeyRing> attached, boolean inline) {
        if (!pked.isIntegrityProtected()) {
            return new Result.Failed("the message is encrypted without integrity protection; it is refused because it could "
                    + "have been altered (RFC 9580 §5.7, EFAIL)", recipients);
        }
        PublicKeyDataDecryptorFactory df = new JcePublicKeyDataDecryptorFactoryBuilder().setProvider(Bc.PROVIDER).build(priv);
        String cipher;
        Inner inner = new Inner();
        try {
            cipher = PgpAlgorithms.symmetricName(pked.getSymmetricAlgorithm(df));
            try (InputStream clear = pked.getDataStream(df)) {
                inner.read(clear, 0);
                clear.readAllBytes(); // drain, so the MDC is read
            }
            if (!pked.verify()) {
                return new Result.Failed("the integrity check failed: the encrypted message was altered or damaged", recipients);
            }
        } catch (Exception e) {
            return new Result.Failed("the message could not be decrypted: " + PgpKeys.message(e), recipients);
        }
        if (inner.content == null) {
            return new Result.Failed("the encrypted message holds no literal data", recipients);
        }
        List<String> weak = new ArrayList<>();
        if (PgpAlgorithms.weakSymmetric(symmetricId(cipher))) {
            weak.add(cipher);
        }
        PgpVerification sig = inner.signatures.isEmpty()
                ? PgpVerification.of(PgpVerification.Status.NONE, "The encrypted message is not signed inside.",
                        PgpVerification.Form.INSIDE_ENCRYPTION)
                : bestSignature(inner, attached);
        return new Result.Decrypted(inner.content, cipher, weak, PgpPackets.keyId(keyId), recipients, sig, inline);
    }

    private PgpVerification bestSignature(Inner inner, List<PGPPublicKeyRing> attached) {
        PgpVerification best = null;
        for (PGPSignature s : inner.signatures) {
            PgpVerification v = SignatureCheck.check(s, inner.content, keyring, attached, clock.instant(),
                    PgpVerification.Form.INSIDE_ENCRYPTION);
            if (best == null || PgpVerifier.rank(v.status()) < PgpVerifier.rank(best.status())) {
                best = v;
            }
        }
        return best;
    }

    private static int symmetricId(String name) {
        for (int id = 0; id < 16; id++) {
            if (PgpAlgorithms.symmetricName(id).equals(name)) {
                return id;
            }
        }
        return -1;
    }

    /** Walks the decrypted packets: compressed data (bounded), literal data, signatures. */
    private static final class Inner {
        byte[] content;
        final List<PGPSignature> signatures = new ArrayList<>();

        void read(InputStream in, int depth) throws Exception {
            if (depth > MAX_NESTING) {
                throw new IOException("the OpenPGP message is nested too deeply");
            }
            JcaPGPObjectFactory f = new JcaPGPObjectFactory(in);
            for (int n = 0; n < 64; n++) {
                Object o = f.nextObject();
                if (o == null) {
                    return;
                }
                switch (o) {
                    case PGPCompressedData c -> read(c.getDataStream(), depth + 1);
                    case PGPLiteralData lit -> {
                        if (content != null) {
                            throw new IOException("more than one literal data packet");
                        }
                        content = lit.getInputStream().readNBytes(PgpPackets.MAX_BYTES + 1);
                        if (content.length > PgpPackets.MAX_BYTES) {
                            throw new IOException("the decrypted message is larger than " + PgpPackets.MAX_BYTES + " bytes");
                        }
                    }
                    case PGPSignatureList sl -> {
                        for (PGPSignature s : sl) {
                            if (signatures.size() < 16) {
                                signatures.add(s);
                            }
                        }
                    }
                    case PGPOnePassSignatureList ops -> { } // the trailing signature packet is what is checked
                    case PGPMarker m -> { }
                    default -> throw new IOException("unexpected " + o.getClass().getSimpleName() + " inside the encryption");
                }
            }
        }
    }
}
