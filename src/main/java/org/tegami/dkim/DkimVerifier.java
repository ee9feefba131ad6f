package org.tegami.dkim;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tegami.dns.Lookup;
import org.tegami.dns.Resolver;
import org.tegami.mime.HeaderField;

/**
 * Verifies every DKIM-Signature of a message (RFC 6376 §6, RFC 8301, RFC 8463): one
 * {@link DkimResult} per signature, topmost first; an empty list means the message is unsigned
 * (dkim=none). Key records come from the {@link Resolver}; the clock decides t=/x=. Never throws
 * for anything in the message or in DNS.
 */
public final class DkimVerifier {

    /**
     * Local policy.
     *
     * @param weakCrypto the result for rsa-sha1 signatures and RSA keys below {@code minRsaBits}:
     *     RFC 8301 §3.1/§3.2 forbid passing them; FAIL, PERMERROR or POLICY are sensible
     * @param minRsaBits RFC 8301 §3.2: 1024
     * @param clockSkew tolerance for t= in the future and x= in the past (RFC 6376 §3.5)
     * @param maxSignatures signatures verified per message; later ones are reported neutral
     */
    public record Policy(DkimResult.Status weakCrypto, int minRsaBits, Duration clockSkew, int maxSignatures) {
        public static final Policy DEFAULT = new Policy(DkimResult.Status.PERMERROR, 1024, Duration.ofMinutes(5), 10);
    }

    /** Parsed key records by their text: most mail comes from a few selectors (bounded). */
    private static final int KEY_CACHE_SIZE = 1024;

    private final Resolver resolver;
    private final Clock clock;
    private final Policy policy;
    private final java.util.Map<String, DkimKeyRecord.Parsed> parsedKeys = new java.util.concurrent.ConcurrentHashMap<>();
    /** Decoded Ed25519 points by encoded key (Boolean.FALSE: not a valid point). */
    private final java.util.Map<String, Object> edPoints = new java.util.concurrent.ConcurrentHashMap<>();

    public DkimVerifier(Resolver resolver, Clock clock) {
        this(resolver, clock, Policy.DEFAULT);
    }

    public DkimVerifier(Resolver resolver, Clock clock, Policy policy) {
        this.resolver = resolver;
        this.clock = clock;
        this.policy = policy;
    }

    /** Verifies all DKIM-Signature fields of the message (bytes as received). */
    public List<DkimResult> verify(byte[] message) {
        DkimMessage m = DkimMessage.parse(message);
        List<DkimResult> out = new ArrayList<>();
        byte[][] bodies = new byte[2][];
        for (HeaderField f : m.fields) {
            if (!f.is("DKIM-Signature")) {
                continue;
            }
            if (out.size() >= policy.maxSignatures()) {
                out.add(partial(DkimResult.Status.NEUTRAL, "not verified: more than " + policy.maxSignatures() + " signatures", Map.of()));
                continue;
            }
            out.add(verifyOne(m, f, bodies));
        }
        return out;
    }

    private DkimResult verifyOne(DkimMessage m, HeaderField field, byte[][] bodies) {
        DkimSignature sig;
        switch (DkimSignature.parse(field.value())) {
            case DkimSignature.Invalid inv -> {
                return partial(inv.status(), inv.reason(), inv.partial());
            }
            case DkimSignature.Valid v -> sig = v.signature();
        }
        DkimResult r = new DkimResult(DkimResult.Status.PASS, "", sig.domain(), sig.selector(), sig.algorithm(),
                sig.auid(), headerB(sig.bTag()), false, false, 0);
        long now = clock.instant().getEpochSecond();
        long skew = policy.clockSkew().toSeconds();
        if (sig.expiration() >= 0 && now > sig.expiration() + skew) {
            return r.with(DkimResult.Status.PERMERROR, "signature expired at x=" + sig.expiration() + " (RFC 6376 §3.5)");
        }
        if (sig.timestamp() >= 0 && sig.timestamp() > now + skew) {
            return r.with(DkimResult.Status.PERMERROR, "signature timestamp t=" + sig.timestamp() + " is in the future");
        }
        // key (RFC 6376 §6.1.2)
        Object found = lookupKey(sig, r);
        if (found instanceof DkimResult failed) {
            return failed;
        }
        DkimKeyRecord key = (DkimKeyRecord) found;
        r = new DkimResult(r.status(), "", r.domain(), r.selector(), r.algorithm(), r.auid(), r.headerB(),
                false, key.testing(), key.keyBits());
        String keyProblem = keyProblem(sig, key);
        if (keyProblem != null) {
            return r.with(DkimResult.Status.PERMERROR, keyProblem);
        }
        // body hash (RFC 6376 §6.1.3)
        int idx = sig.relaxedBody() ? 1 : 0;
        if (bodies[idx] == null) {
            bodies[idx] = Canonicalizer.body(m.body, sig.relaxedBody());
        }
        byte[] body = bodies[idx];
        if (sig.length() > body.length) {
            return r.with(DkimResult.Status.PERMERROR, "l=" + sig.length() + " is longer than the body (" + body.length + " octets)");
        }
        int hashed = sig.length() >= 0 ? (int) sig.length() : body.length;
        r = new DkimResult(r.status(), "", r.domain(), r.selector(), r.algorithm(), r.auid(), r.headerB(),
                hashed < body.length, r.testing(), r.keyBits());
        try {
            MessageDigest md = MessageDigest.getInstance(sig.algorithm().digest());
            md.update(body, 0, hashed);
            if (!MessageDigest.isEqual(md.digest(), sig.bodyHash())) {
                return r.with(DkimResult.Status.FAIL, "body hash did not verify (body changed in transit)");
            }
            byte[] data = signedData(m.fields, field, sig);
            if (!verifySignature(sig, key, data)) {
                return r.with(DkimResult.Status.FAIL, "signature did not verify (header changed or wrong key)");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return r.with(DkimResult.Status.PERMERROR, "cannot verify with this key: " + e.getClass().getSimpleName());
        }
        // RFC 8301: verified, so the diagnosis is exact, but never a pass
        if (sig.algorithm() == DkimAlgorithm.RSA_SHA1) {
            return r.with(policy.weakCrypto(), "the signature verifies, but rsa-sha1 is not accepted (RFC 8301 §3.1)");
        }
        if (key.keyType().equals("rsa") && key.keyBits() < policy.minRsaBits()) {
            return r.with(policy.weakCrypto(), "the signature verifies, but its RSA key of " + key.keyBits()
                    + " bits is below " + policy.minRsaBits() + " (RFC 8301 §3.2)");
        }
        String note = r.bodyLengthLimited() ? "; only the first " + hashed + " of " + body.length
                + " body octets are signed (l=)" : "";
        return r.with(DkimResult.Status.PASS, "good " + sig.algorithm().tag() + " signature by d=" + sig.domain()
                + " s=" + sig.selector() + note + (key.testing() ? " (key in testing mode, t=y)" : ""));
    }

    /** The key record at s._domainkey.d (RFC 6376 §6.1.2), or the result explaining why there is none. */
    private Object lookupKey(DkimSignature sig, DkimResult r) {
        String keyName = sig.selector() + "._domainkey." + sig.domain();
        Lookup<String> txt = resolver.txt(keyName);
        if (txt.isTempfail()) {
            return r.with(DkimResult.Status.TEMPERROR, "DNS error looking up key " + keyName);
        }
        if (!txt.isOk()) {
            return r.with(DkimResult.Status.PERMERROR, "no key record at " + keyName);
        }
        String keyError = null;
        for (String t : txt.records()) {
            switch (parseKey(t)) {
                case DkimKeyRecord.Valid v -> {
                    return v.key();
                }
                case DkimKeyRecord.Invalid inv -> keyError = keyError == null ? inv.reason() : keyError;
            }
        }
        return r.with(DkimResult.Status.PERMERROR, keyError + " at " + keyName);
    }

    /**
     * The decoded, validated point of an Ed25519 key (RFC 8032 §5.1.3), remembered like the
     * parsed records; null for a key that is not a valid point.
     */
    private Ed25519.PublicPoint edPoint(DkimKeyRecord key) {
        byte[] spki = key.publicKey().getEncoded();
        String id = java.util.Base64.getEncoder().encodeToString(spki);
        Object p = edPoints.get(id);
        if (p == null) {
            Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(spki, spki.length - Ed25519.PUBLIC_KEY_SIZE);
            p = point == null ? Boolean.FALSE : point;
            if (edPoints.size() >= KEY_CACHE_SIZE) {
                edPoints.clear();
            }
            edPoints.put(id, p);
        }
        return p instanceof Ed25519.PublicPoint point ? point : null;
    }

    /** {@link DkimKeyRecord#parse}, remembered: the same text always gives the same (immutable) result. */
    private DkimKeyRecord.Parsed parseKey(String txt) {
        DkimKeyRecord.Parsed p = parsedKeys.get(txt);
        if (p == null) {
            p = DkimKeyRecord.parse(txt);
            if (parsedKeys.size() >= KEY_CACHE_SIZE) {
                parsedKeys.clear();
            }
            parsedKeys.put(txt, p);
        }
        return p;
    }

    /** RFC 6376 §6.1.2 checks of the key against the signature. */
    private static String keyProblem(DkimSignature sig, DkimKeyRecord key) {
        if (!key.keyType().equals(sig.algorithm().keyType())) {
            return "key type k=" + key.keyType() + " does not match a=" + sig.algorithm().tag();
        }
        if (!key.hashes().isEmpty() && !key.hashes().contains(sig.algorithm().hash())) {
            return "key record h= does not allow " + sig.algorithm().hash();
        }
        if (key.strict()) {
            String auidDomain = sig.auid().substring(sig.auid().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!auidDomain.equals(sig.domain())) {
                return "key has t=s but i= is a subdomain of d=";
            }
        }
        return null;
    }

    /** The header hash input (RFC 6376 §3.7, §5.4). */
    static byte[] signedData(List<HeaderField> fields, HeaderField sigField, DkimSignature sig) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Canonicalizer.selectedHeaders(fields, sig.signedHeaders(), sig.relaxedHeader(), out);
        out.writeBytes(Canonicalizer.signatureField(Canonicalizer.withoutSignature(sigField.raw()), sig.relaxedHeader()));
        return out.toByteArray();
    }

    private boolean verifySignature(DkimSignature sig, DkimKeyRecord key, byte[] data) throws GeneralSecurityException {
        if (sig.algorithm() == DkimAlgorithm.ED25519_SHA256) {
            // RFC 8463 §3: Ed25519 (RFC 8032 §5.1.7) over the SHA-256 hash of the data. Bouncy
            // Castle's verification is several times faster than the JDK's constant-time one, and
            // verifying needs no secret to protect.
            Ed25519.PublicPoint point = edPoint(key);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
            return point != null && sig.signature().length == Ed25519.SIGNATURE_SIZE
                    && Ed25519.verify(sig.signature(), 0, point, hash, 0, hash.length);
        }
        Signature s = Signature.getInstance(sig.algorithm() == DkimAlgorithm.RSA_SHA1 ? "SHA1withRSA" : "SHA256withRSA");
        s.initVerify(key.publicKey());
        s.update(data);
        return s.verify(sig.signature());
    }

    private static String headerB(String b) {
        return b == null ? null : b.substring(0, Math.min(DkimResult.HEADER_B_LENGTH, b.length()));
    }

    /** A result for a signature that could not be parsed, with whatever evidence it had. */
    private static DkimResult partial(DkimResult.Status status, String reason, Map<String, String> tags) {
        String d = tags.get("d");
        String b = tags.get("b");
        return new DkimResult(status, reason, d == null ? null : d.toLowerCase(Locale.ROOT), tags.get("s"),
                DkimAlgorithm.fromTag(tags.get("a")), tags.get("i"), b == null ? null : headerB(TagList.removeFws(b)),
                false, false, 0);
    }
}
