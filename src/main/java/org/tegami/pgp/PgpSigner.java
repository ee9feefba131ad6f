package org.tegami.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.tegami.mime.MimeEntities;

/**
 * Signs MIME entities as PGP/MIME multipart/signed (RFC 3156 §5). The entity is canonicalised
 * first: CRLF line ends, 8-bit parts and text with trailing whitespace or "From " lines
 * quoted-printable encoded (RFC 3156 §3, §5), so the signature survives transport. The signature
 * is a binary-document signature (type 0x00) with SHA-512 by the newest valid signing key.
 */
public final class PgpSigner {

    static final int HASH = HashAlgorithmTags.SHA512;

    /** The outcome of signing. */
    public sealed interface Result {
        /** The multipart/signed entity (or whole message), CRLF; {@code micalg} e.g. "pgp-sha512". */
        record Signed(byte[] bytes, String micalg) implements Result {}

        /** Not signed, and why (wrong passphrase, no valid signing key, weak key). */
        record Refused(String reason) implements Result {}
    }

    private final Clock clock;
    private final SecureRandom random;

    public PgpSigner(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** Signs a whole message; From/To/Subject and the other non-Content fields stay outside. */
    public Result signMessage(byte[] message, PgpSecretKey key) {
        MimeEntities.Split split = MimeEntities.split(message);
        Result r = sign(split.entity(), key);
        if (r instanceof Result.Signed s) {
            return new Result.Signed(MimeEntities.join(split.outerHeaders(), s.bytes()), s.micalg());
        }
        return r;
    }

    /** Signs one MIME entity. */
    public Result sign(byte[] entity, PgpSecretKey key) {
        byte[] canonical = MimeEntities.toSevenBit(MimeEntities.toCrlf(entity), true);
        Object sig = signature(canonical, key, PGPSignature.BINARY_DOCUMENT);
        if (sig instanceof String refusal) {
            return new Result.Refused(refusal);
        }
        PGPSignature s = (PGPSignature) sig;
        String micalg = "pgp-" + PgpAlgorithms.hashName(s.getHashAlgorithm()).replace("-", "").toLowerCase(Locale.ROOT);
        byte[] armored;
        try {
            armored = PgpPackets.armor(s.getEncoded());
        } catch (IOException e) {
            return new Result.Refused("signature encoding failed: " + e.getMessage());
        }
        String b = MimeEntities.newBoundary(random, canonical);
        ByteArrayOutputStream out = new ByteArrayOutputStream(canonical.length + armored.length + 600);
        ascii(out, "Content-Type: multipart/signed; micalg=" + micalg + ";\r\n protocol=\"application/pgp-signature\";"
                + " boundary=\"" + b + "\"\r\n\r\nThis is an OpenPGP/MIME signed message (RFC 4880 and 3156)\r\n--" + b + "\r\n");
        out.writeBytes(canonical);
        ascii(out, "\r\n--" + b + "\r\nContent-Type: application/pgp-signature; name=\"signature.asc\"\r\n"
                + "Content-Description: OpenPGP digital signature\r\n"
                + "Content-Disposition: attachment; filename=\"signature.asc\"\r\n\r\n");
        out.writeBytes(armored);
        ascii(out, "\r\n--" + b + "--\r\n");
        return new Result.Signed(out.toByteArray(), micalg);
    }

    /**
     * A signature over {@code data} by the newest valid signing key of {@code key}, or a String
     * saying why none can be made.
     */
    Object signature(byte[] data, PgpSecretKey key, int type) {
        Instant now = clock.instant();
        KeyEvaluator.Evaluation ev = KeyEvaluator.evaluate(key.publicRing(), now);
        PGPPublicKey pub = ev.signingKey(now);
        if (pub == null) {
            return "not signing: the key " + key.fingerprint() + " has no valid signing key at " + now
                    + " (" + KeyRing.validity(ev, now).name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        }
        String weak = PgpAlgorithms.weakKey(pub);
        if (weak != null) {
            return "not signing: " + weak;
        }
        PGPPrivateKey priv = key.privateKey(pub.getKeyID());
        if (priv == null) {
            return "not signing: the passphrase does not unlock the signing key " + PgpPackets.keyId(pub.getKeyID());
        }
        try {
            PGPSignatureGenerator g = generator(pub, priv, type, now);
            g.update(data);
            return g.generate();
        } catch (PGPException | RuntimeException e) {
            return "signing failed: " + PgpKeys.message(e);
        }
    }

    PGPSignatureGenerator generator(PGPPublicKey pub, PGPPrivateKey priv, int type, Instant now) throws PGPException {
        PGPSignatureGenerator g = new PGPSignatureGenerator(
                new JcaPGPContentSignerBuilder(pub.getAlgorithm(), HASH).setProvider(Bc.PROVIDER).setSecureRandom(random), pub);
        g.init(type, priv);
        PGPSignatureSubpacketGenerator h = new PGPSignatureSubpacketGenerator();
        h.setSignatureCreationTime(true, Date.from(now));
        h.setIssuerFingerprint(false, pub); // RFC 9580 §5.2.3.35
        g.setHashedSubpackets(h.generate());
        return g;
    }

    static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
