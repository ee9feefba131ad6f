package org.tegami.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;
import org.tegami.mime.MimeEntities;

/**
 * Encrypts MIME entities as PGP/MIME multipart/encrypted (RFC 3156 §4), optionally signed in the
 * combined form (RFC 3156 §6.2: one-pass signature, literal data, signature inside the
 * encryption). Data is AES-256 (AES-128 if a recipient prefers only that) in a version 1
 * symmetrically encrypted integrity protected packet (RFC 9580 §5.13.1), which every deployed
 * OpenPGP implementation reads; no compression.
 */
public final class PgpEncryptor {

    /** The outcome of encrypting. */
    public sealed interface Result {
        /** The multipart/encrypted entity (or whole message); the key IDs it was encrypted to. */
        record Encrypted(byte[] bytes, List<String> recipientKeyIds, String cipher) implements Result {}

        /** Not encrypted, and why (a recipient without a valid encryption key, signing failed). */
        record Refused(String reason) implements Result {}
    }

    private final Clock clock;
    private final SecureRandom random;

    public PgpEncryptor(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** Encrypts a whole message; From/To/Subject and the other non-Content fields stay outside. */
    public Result encryptMessage(byte[] message, List<PGPPublicKeyRing> recipients, PgpSecretKey signer) {
        MimeEntities.Split split = MimeEntities.split(message);
        Result r = encrypt(split.entity(), recipients, signer);
        if (r instanceof Result.Encrypted e) {
            return new Result.Encrypted(MimeEntities.join(split.outerHeaders(), e.bytes()), e.recipientKeyIds(), e.cipher());
        }
        return r;
    }

    /** Encrypts one MIME entity to every recipient; {@code signer} may be null (not signed). */
    public Result encrypt(byte[] entity, List<PGPPublicKeyRing> recipients, PgpSecretKey signer) {
        Data data = encryptData(MimeEntities.toCrlf(entity), recipients, signer);
        if (data.refusal() != null) {
            return new Result.Refused(data.refusal());
        }
        byte[] armored = PgpPackets.armor(data.bytes());
        String b = MimeEntities.newBoundary(random, armored);
        ByteArrayOutputStream out = new ByteArrayOutputStream(armored.length + 600);
        PgpSigner.ascii(out, "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";\r\n"
                + " boundary=\"" + b + "\"\r\n\r\nThis is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\r\n"
                + "--" + b + "\r\nContent-Type: application/pgp-encrypted\r\n"
                + "Content-Description: PGP/MIME version identification\r\n\r\nVersion: 1\r\n\r\n"
                + "--" + b + "\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n"
                + "Content-Description: OpenPGP encrypted message\r\n"
                + "Content-Disposition: inline; filename=\"encrypted.asc\"\r\n\r\n");
        out.writeBytes(armored);
        PgpSigner.ascii(out, "\r\n--" + b + "--\r\n");
        return new Result.Encrypted(out.toByteArray(), data.keyIds(), PgpAlgorithms.symmetricName(data.cipher()));
    }

    /** A binary OpenPGP message and what it was encrypted to, or the refusal. */
    private record Data(byte[] bytes, List<String> keyIds, int cipher, String refusal) {
        static Data refused(String why) {
            return new Data(null, List.of(), 0, why);
        }
    }

    private Data encryptData(byte[] content, List<PGPPublicKeyRing> recipients, PgpSecretKey signer) {
        Instant now = clock.instant();
        if (recipients.isEmpty()) {
            return Data.refused("no recipient keys");
        }
        List<PGPPublicKey> keys = new ArrayList<>();
        boolean allAes256 = true;
        for (PGPPublicKeyRing r : recipients) {
            KeyEvaluator.Evaluation ev = KeyEvaluator.evaluate(r, now);
            PGPPublicKey k = ev.encryptionKey(now);
            String who = ev.primaryUserId() == null ? PgpPackets.fingerprint(r.getPublicKey()) : ev.primaryUserId();
            if (k == null) {
                return Data.refused("cannot encrypt to " + who + ": no valid encryption key ("
                        + KeyRing.validity(ev, now).name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
            }
            if (PgpAlgorithms.weakKey(k) != null) {
                return Data.refused("cannot encrypt to " + who + ": " + PgpAlgorithms.weakKey(k));
            }
            allAes256 &= acceptsAes256(ev);
            keys.add(k);
        }
        int cipher = allAes256 ? SymmetricKeyAlgorithmTags.AES_256 : SymmetricKeyAlgorithmTags.AES_128;
        PGPSignatureGenerator sigGen = null;
        if (signer != null) {
            Object prepared = prepareSigner(signer, now);
            if (prepared instanceof String refusal) {
                return Data.refused(refusal);
            }
            sigGen = (PGPSignatureGenerator) prepared;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 1024);
            PGPEncryptedDataGenerator enc = new PGPEncryptedDataGenerator(new JcePGPDataEncryptorBuilder(cipher)
                    .setWithIntegrityPacket(true).setSecureRandom(random).setProvider(Bc.PROVIDER));
            List<String> ids = new ArrayList<>();
            for (PGPPublicKey k : keys) {
                enc.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(k).setProvider(Bc.PROVIDER).setSecureRandom(random));
                ids.add(PgpPackets.keyId(k.getKeyID()));
            }
            try (OutputStream encOut = enc.open(out, new byte[1 << 16])) {
                if (sigGen != null) {
                    sigGen.generateOnePassVersion(false).encode(encOut);
                }
                PGPLiteralDataGenerator lit = new PGPLiteralDataGenerator();
                try (OutputStream litOut = lit.open(encOut, PGPLiteralData.BINARY, "", content.length, Date.from(now))) {
                    litOut.write(content);
                }
                if (sigGen != null) {
                    sigGen.update(content);
                    sigGen.generate().encode(encOut);
                }
            }
            return new Data(out.toByteArray(), List.copyOf(ids), cipher, null);
        } catch (IOException | org.bouncycastle.openpgp.PGPException | RuntimeException e) {
            return Data.refused("encryption failed: " + PgpKeys.message(e));
        }
    }

    private Object prepareSigner(PgpSecretKey signer, Instant now) {
        KeyEvaluator.Evaluation ev = KeyEvaluator.evaluate(signer.publicRing(), now);
        PGPPublicKey pub = ev.signingKey(now);
        if (pub == null) {
            return "not signing: the key " + signer.fingerprint() + " has no valid signing key";
        }
        PGPPrivateKey priv = signer.privateKey(pub.getKeyID());
        if (priv == null) {
            return "not signing: the passphrase does not unlock the signing key " + PgpPackets.keyId(pub.getKeyID());
        }
        try {
            return new PgpSigner(clock, random).generator(pub, priv, PGPSignature.BINARY_DOCUMENT, now);
        } catch (Exception e) {
            return "signing failed: " + PgpKeys.message(e);
        }
    }

    /** AES-256 unless the key states preferences that leave it out (RFC 9580 §5.2.3.14). */
    private static boolean acceptsAes256(KeyEvaluator.Evaluation ev) {
        for (KeyEvaluator.UserIdState u : ev.userIds()) {
            if (u.selfCertification() != null && u.selfCertification().getHashedSubPackets() != null) {
                int[] p = u.selfCertification().getHashedSubPackets().getPreferredSymmetricAlgorithms();
                if (p != null) {
                    for (int a : p) {
                        if (a == SymmetricKeyAlgorithmTags.AES_256) {
                            return true;
                        }
                    }
                    return false;
                }
            }
        }
        return true;
    }
}
