package org.tegami.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tegami.mime.HeaderField;

/**
 * Signs outgoing messages (RFC 6376 §5) with one signature per key, relaxed/relaxed, newest key
 * first in the list; RSA-2048 plus Ed25519 dual signatures are the intended default (RFC 8463
 * §5). Returns the DKIM-Signature fields to prepend; the message itself is not changed.
 */
public final class DkimSigner {

    /**
     * One signing key.
     *
     * @param domain d=
     * @param selector s=
     */
    public record SigningKey(String domain, String selector, PrivateKey privateKey) {
        public DkimAlgorithm algorithm() throws InvalidKeyException {
            return DkimKeys.algorithmOf(privateKey);
        }
    }

    /**
     * What to sign.
     *
     * @param headers field names signed once per instance present (RFC 6376 §5.4)
     * @param oversigned of those, names listed once more than present, so adding another
     *     instance later breaks the signature (RFC 6376 §8.15)
     * @param expiry x= is t= plus this, or no x= when null
     */
    public record Options(List<String> headers, Set<String> oversigned, Duration expiry) {
        /** From, To, Cc, Subject, Date, Message-ID, Reply-To, the MIME and list fields, threading fields. */
        public static final Options DEFAULT = new Options(List.of(
                "from", "to", "cc", "subject", "date", "message-id", "reply-to", "in-reply-to", "references",
                "mime-version", "content-type", "content-transfer-encoding", "content-disposition",
                "list-id", "list-unsubscribe", "list-unsubscribe-post", "sender", "resent-from",
                "resent-to", "resent-date", "resent-message-id", "autocrypt", "openpgp"),
                Set.of("from", "to", "cc", "subject", "date", "message-id", "reply-to", "mime-version",
                        "content-type", "content-transfer-encoding", "list-unsubscribe", "list-unsubscribe-post"),
                null);
    }

    private final List<SigningKey> keys;
    private final Clock clock;
    private final Options options;

    public DkimSigner(List<SigningKey> keys, Clock clock) {
        this(keys, clock, Options.DEFAULT);
    }

    public DkimSigner(List<SigningKey> keys, Clock clock, Options options) {
        this.keys = List.copyOf(keys);
        this.clock = clock;
        this.options = options;
    }

    /**
     * Signs the message: one "DKIM-Signature: ..." field per key, each folded with CRLF and
     * ending in CRLF, in the order to prepend them.
     *
     * @throws InvalidKeyException when a key cannot sign (not RSA/Ed25519, or broken)
     */
    public List<String> sign(byte[] message) throws InvalidKeyException {
        DkimMessage m = DkimMessage.parse(message);
        byte[] body = Canonicalizer.body(m.body, true);
        String bh;
        try {
            bh = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
        List<String> h = signedHeaderNames(m.fields);
        long t = clock.instant().getEpochSecond();
        List<String> out = new ArrayList<>();
        for (SigningKey key : keys) {
            out.add(signOne(m, key, h, bh, t));
        }
        return out;
    }

    /** The message with the signatures prepended. */
    public byte[] signAndPrepend(byte[] message) throws InvalidKeyException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1024);
        for (String f : sign(message)) {
            out.writeBytes(f.getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(message);
        return out.toByteArray();
    }

    private List<String> signedHeaderNames(List<HeaderField> fields) {
        List<String> h = new ArrayList<>();
        for (String name : options.headers()) {
            long present = fields.stream().filter(f -> f.is(name)).count();
            long times = present + (options.oversigned().contains(name.toLowerCase(Locale.ROOT)) ? 1 : 0);
            for (long i = 0; i < times; i++) {
                h.add(name);
            }
        }
        if (h.stream().noneMatch(n -> n.equalsIgnoreCase("from"))) {
            h.add(0, "from"); // RFC 6376 §5.4: From MUST be signed
        }
        return h;
    }

    /**
     * Ed25519 (RFC 8032 §5.1.6) with Bouncy Castle's implementation, several times faster than
     * the JDK's; deterministic, so the signature is the same as the JDK would make.
     */
    private static byte[] ed25519(PrivateKey key, byte[] message) throws InvalidKeyException {
        byte[] seed;
        try {
            seed = org.bouncycastle.asn1.ASN1OctetString.getInstance(
                    org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey()).getOctets();
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidKeyException("unreadable Ed25519 key: " + e.getMessage(), e);
        }
        if (seed.length != org.bouncycastle.math.ec.rfc8032.Ed25519.SECRET_KEY_SIZE) {
            throw new InvalidKeyException("an Ed25519 key holds 32 bytes, not " + seed.length);
        }
        byte[] sig = new byte[org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    private String signOne(DkimMessage m, SigningKey key, List<String> h, String bh, long t) throws InvalidKeyException {
        DkimAlgorithm alg = key.algorithm();
        StringBuilder sb = new StringBuilder("DKIM-Signature: v=1; a=").append(alg.tag())
                .append("; c=relaxed/relaxed; d=").append(key.domain().toLowerCase(Locale.ROOT))
                .append("; s=").append(key.selector()).append(";\r\n\tt=").append(t);
        if (options.expiry() != null) {
            sb.append("; x=").append(t + options.expiry().toSeconds());
        }
        sb.append("; h=");
        int col = 8 + String.valueOf(t).length() + 5;
        for (int i = 0; i < h.size(); i++) {
            String n = h.get(i) + (i < h.size() - 1 ? ":" : ";");
            if (col + n.length() > 76) {
                sb.append("\r\n\t");
                col = 1;
            }
            sb.append(n);
            col += n.length();
        }
        sb.append("\r\n\tbh=").append(bh).append(";\r\n\tb=");
        String unsigned = sb.toString();
        byte[] raw = unsigned.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Canonicalizer.selectedHeaders(m.fields, h, true, data);
        data.writeBytes(Canonicalizer.signatureField(raw, true));
        byte[] sig;
        try {
            Signature s;
            if (alg == DkimAlgorithm.ED25519_SHA256) {
                sig = ed25519(key.privateKey(), MessageDigest.getInstance("SHA-256").digest(data.toByteArray())); // RFC 8463 §3
            } else {
                s = Signature.getInstance("SHA256withRSA");
                s.initSign(key.privateKey());
                s.update(data.toByteArray());
                sig = s.sign();
            }
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("signing failed: " + e.getMessage(), e);
        }
        String b = Base64.getEncoder().encodeToString(sig);
        StringBuilder folded = new StringBuilder(unsigned);
        for (int i = 0; i < b.length(); i += 70) {
            folded.append(i == 0 ? "" : "\r\n\t ").append(b, i, Math.min(b.length(), i + 70));
        }
        return folded.append("\r\n").toString();
    }
}
