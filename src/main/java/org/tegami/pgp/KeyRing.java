package org.tegami.pgp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * The public keys Tegami knows, each with how it got here ({@link KeyTrust}). The store keeps
 * the armoured keys and the trust flag; this class is the in-memory model the CLI, the gateway
 * and the inspector work on: import (merging new signatures into known keys, RFC 9580 §10.1),
 * listing with validity, revocations and third-party certifications, lookup by fingerprint, key
 * ID or e-mail address. Thread-safe.
 */
public final class KeyRing {

    /** A key and its trust. */
    public record Entry(PGPPublicKeyRing ring, KeyTrust trust) {
        public String fingerprint() {
            return PgpPackets.fingerprint(ring.getPublicKey());
        }
    }

    /** One key taken in by {@link #importKeys}. */
    public record Imported(String fingerprint, String primaryUserId, boolean added, boolean hadSecretKey, KeyTrust trust) {}

    public record ImportResult(List<Imported> imported, List<String> problems) {
        public ImportResult {
            imported = List.copyOf(imported);
            problems = List.copyOf(problems);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Entry> keys = new LinkedHashMap<>();

    /**
     * Imports every key in armoured or binary data. Secret key blocks contribute their public
     * part only (secret material is never kept here). A key already present is merged with the
     * new copy (new user IDs, signatures, revocations); trust is only ever raised by an import.
     */
    public ImportResult importKeys(byte[] data, KeyTrust trust) {
        PgpKeys.KeyData kd = PgpKeys.read(data);
        List<Imported> out = new ArrayList<>();
        List<String> problems = new ArrayList<>(kd.problems());
        try {
            for (PGPPublicKeyRing r : kd.publicRings()) {
                out.add(add(r, trust, false, problems));
            }
            for (PGPSecretKeyRing s : kd.secretRings()) {
                out.add(add(new PgpSecretKey(s, new char[0]).publicRing(), trust, true, problems));
            }
        } catch (RuntimeException e) {
            problems.add("damaged key data: " + PgpKeys.message(e));
        }
        for (PGPSignature rev : kd.revocations()) {
            Imported i = applyRevocation(rev, problems);
            if (i != null) {
                out.add(i);
            }
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add("no OpenPGP key found");
        }
        return new ImportResult(out, problems);
    }

    /** Adds or merges one key ring. */
    public Imported add(PGPPublicKeyRing ring, KeyTrust trust) {
        return add(ring, trust, false, new ArrayList<>());
    }

    private Imported add(PGPPublicKeyRing ring, KeyTrust trust, boolean hadSecret, List<String> problems) {
        String fpr = PgpPackets.fingerprint(ring.getPublicKey());
        lock.lock();
        try {
            Entry old = keys.get(fpr);
            PGPPublicKeyRing merged = ring;
            KeyTrust t = trust;
            if (old != null) {
                try {
                    merged = PGPPublicKeyRing.join(old.ring(), ring, true, true);
                } catch (Exception e) {
                    problems.add("could not merge the new copy of " + fpr + ": " + PgpKeys.message(e));
                    merged = old.ring();
                }
                t = old.trust() == KeyTrust.VERIFIED ? KeyTrust.VERIFIED : trust;
            }
            keys.put(fpr, new Entry(merged, t));
            String uid = KeyEvaluator.evaluate(merged, Instant.now()).primaryUserId();
            return new Imported(fpr, uid, old == null, hadSecret, t);
        } finally {
            lock.unlock();
        }
    }

    /** A revocation certificate for a key in the ring: verified by the key itself, then attached. */
    private Imported applyRevocation(PGPSignature rev, List<String> problems) {
        long id = issuerKeyId(rev);
        Optional<Entry> e = findByKeyId(id);
        if (e.isEmpty() || e.get().ring().getPublicKey().getKeyID() != id) {
            problems.add("revocation certificate for key " + PgpKeys.keyIdOrUnknown(id) + ", which is not in the keyring");
            return null;
        }
        PGPPublicKey primary = e.get().ring().getPublicKey();
        if (!KeyEvaluator.verify(rev, primary, null, null)) {
            problems.add("revocation certificate for key " + PgpKeys.keyIdOrUnknown(id) + " does not verify");
            return null;
        }
        PGPPublicKeyRing revoked = PGPPublicKeyRing.insertPublicKey(e.get().ring(), PGPPublicKey.addCertification(primary, rev));
        return add(revoked, KeyTrust.UNVERIFIED, false, problems);
    }

    public List<Entry> entries() {
        lock.lock();
        try {
            return List.copyOf(keys.values());
        } finally {
            lock.unlock();
        }
    }

    public Optional<Entry> get(String fingerprint) {
        lock.lock();
        try {
            return Optional.ofNullable(keys.get(fingerprint.replace(" ", "").toUpperCase(java.util.Locale.ROOT)));
        } finally {
            lock.unlock();
        }
    }

    /** The key whose primary key or a subkey has this key ID. */
    public Optional<Entry> findByKeyId(long keyId) {
        for (Entry e : entries()) {
            if (e.ring().getPublicKey(keyId) != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Keys with a user ID naming this address (domain compared case-insensitively). */
    public List<Entry> findByEmail(String address) {
        String want = PgpKeys.email(address);
        List<Entry> out = new ArrayList<>();
        if (want == null) {
            return out;
        }
        for (Entry e : entries()) {
            for (String m : PgpKeys.emails(e.ring().getPublicKey())) {
                if (m.equalsIgnoreCase(want)) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    public boolean remove(String fingerprint) {
        lock.lock();
        try {
            return keys.remove(fingerprint.replace(" ", "").toUpperCase(java.util.Locale.ROOT)) != null;
        } finally {
            lock.unlock();
        }
    }

    /** The armoured public key, for {@code tegami keys export}. */
    public Optional<byte[]> export(String fingerprint) {
        return get(fingerprint).map(e -> PgpKeys.armor(e.ring()));
    }

    public List<PgpKeyInfo> list(Instant at) {
        List<PgpKeyInfo> out = new ArrayList<>();
        for (Entry e : entries()) {
            out.add(info(e, at));
        }
        return out;
    }

    /** Describes one key (also usable for keys not in this ring, e.g. before importing). */
    public PgpKeyInfo info(Entry e, Instant at) {
        KeyEvaluator.Evaluation ev = KeyEvaluator.evaluate(e.ring(), at);
        PGPPublicKey primary = e.ring().getPublicKey();
        List<PgpKeyInfo.UserId> uids = new ArrayList<>();
        for (KeyEvaluator.UserIdState u : ev.userIds()) {
            uids.add(new PgpKeyInfo.UserId(u.userId(), PgpKeys.email(u.userId()), u.primary(), u.selfCertified(),
                    u.revocation() != null, certifications(primary, u.raw())));
        }
        List<PgpKeyInfo.Subkey> subs = new ArrayList<>();
        for (KeyEvaluator.KeyState s : ev.subkeys()) {
            subs.add(new PgpKeyInfo.Subkey(PgpPackets.fingerprint(s.key()), PgpPackets.keyId(s.key().getKeyID()),
                    PgpAlgorithms.keyName(s.key()), s.key().getCreationTime().toInstant(), s.expires(), usage(s.flags()),
                    s.revocation() != null, s.bound()));
        }
        List<String> weak = new ArrayList<>(ev.weakSelfSignatures());
        String weakKey = PgpAlgorithms.weakKey(primary);
        if (weakKey != null) {
            weak.add(weakKey);
        }
        KeyEvaluator.Revocation rev = ev.primary().revocation();
        return new PgpKeyInfo(PgpPackets.fingerprint(primary), PgpPackets.keyId(primary.getKeyID()), PgpAlgorithms.keyName(primary),
                primary.getCreationTime().toInstant(), ev.primary().expires(), validity(ev, at),
                rev == null ? null : revocationText(rev), e.trust(), uids, subs, ev.signingKey(at) != null,
                ev.encryptionKey(at) != null, false, weak);
    }

    static PgpKeyInfo.Validity validity(KeyEvaluator.Evaluation ev, Instant at) {
        KeyEvaluator.KeyState p = ev.primary();
        if (at.isBefore(p.key().getCreationTime().toInstant())) {
            return PgpKeyInfo.Validity.NOT_YET_VALID;
        }
        if (!p.bound()) {
            return PgpKeyInfo.Validity.NO_SELF_SIGNATURE;
        }
        if (p.revocation() != null) {
            return PgpKeyInfo.Validity.REVOKED;
        }
        if (p.expires() != null && !at.isBefore(p.expires())) {
            return PgpKeyInfo.Validity.EXPIRED;
        }
        return PgpKeyInfo.Validity.VALID;
    }

    static String revocationText(KeyEvaluator.Revocation r) {
        String why = switch (r.reasonCode()) {
            case 1 -> "key superseded";
            case 2 -> "key compromised";
            case 3 -> "key retired";
            case 32 -> "user ID no longer valid";
            default -> "no reason given";
        };
        return why + (r.description() == null || r.description().isBlank() ? "" : ": " + r.description())
                + " (" + r.time() + ")";
    }

    private static List<String> usage(int flags) {
        List<String> u = new ArrayList<>();
        if ((flags & KeyFlags.CERTIFY_OTHER) != 0) {
            u.add("certify");
        }
        if ((flags & KeyFlags.SIGN_DATA) != 0) {
            u.add("sign");
        }
        if ((flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0) {
            u.add("encrypt");
        }
        if ((flags & KeyFlags.AUTHENTICATION) != 0) {
            u.add("authenticate");
        }
        return u;
    }

    /** Third-party certifications on a user ID (RFC 9580 §5.2.1.2-5, §5.2.1.12 revocations). */
    private List<PgpKeyInfo.Certification> certifications(PGPPublicKey primary, byte[] rawUid) {
        List<PgpKeyInfo.Certification> out = new ArrayList<>();
        List<PGPSignature> revocations = new ArrayList<>();
        List<PGPSignature> certs = new ArrayList<>();
        for (Iterator<PGPSignature> it = primary.getSignaturesForID(rawUid); it != null && it.hasNext();) {
            PGPSignature s = it.next();
            if (s.getKeyID() == primary.getKeyID() || KeyEvaluator.issuedBy(s, primary)) {
                continue;
            }
            (s.getSignatureType() == PGPSignature.CERTIFICATION_REVOCATION ? revocations : certs).add(s);
        }
        for (PGPSignature s : certs) {
            if (out.size() >= 200) {
                break;
            }
            long issuerId = issuerKeyId(s);
            Optional<Entry> issuer = findByKeyId(issuerId);
            PgpKeyInfo.Certification.Status status = PgpKeyInfo.Certification.Status.UNKNOWN_ISSUER;
            String issuerFpr = null;
            String issuerUid = null;
            KeyTrust issuerTrust = null;
            if (issuer.isPresent()) {
                PGPPublicKey ik = issuer.get().ring().getPublicKey(issuerId);
                issuerFpr = issuer.get().fingerprint();
                issuerUid = KeyEvaluator.evaluate(issuer.get().ring(), Instant.now()).primaryUserId();
                issuerTrust = issuer.get().trust();
                status = verifyCert(s, rawUid, primary, ik) ? PgpKeyInfo.Certification.Status.VERIFIED
                        : PgpKeyInfo.Certification.Status.INVALID;
                for (PGPSignature r : revocations) {
                    if (issuerKeyId(r) == issuerId && r.getCreationTime().after(s.getCreationTime())
                            && verifyCert(r, rawUid, primary, ik)) {
                        status = PgpKeyInfo.Certification.Status.REVOKED;
                    }
                }
            } else if (s.getHashedSubPackets() != null && s.getHashedSubPackets().getIssuerFingerprint() != null) {
                issuerFpr = java.util.HexFormat.of().withUpperCase().formatHex(s.getHashedSubPackets().getIssuerFingerprint().getFingerprint());
            }
            out.add(new PgpKeyInfo.Certification(PgpPackets.keyId(issuerId), issuerFpr, issuerUid,
                    s.getCreationTime().toInstant(), level(s.getSignatureType()), status, issuerTrust));
        }
        return out;
    }

    private static boolean verifyCert(PGPSignature s, byte[] rawUid, PGPPublicKey certified, PGPPublicKey issuerKey) {
        try {
            s.init(KeyEvaluator.VERIFIERS, issuerKey);
            return s.verifyCertification(rawUid, certified);
        } catch (Exception e) {
            return false;
        }
    }

    static long issuerKeyId(PGPSignature s) {
        if (s.getKeyID() != 0) {
            return s.getKeyID();
        }
        var fp = s.getHashedSubPackets() == null ? null : s.getHashedSubPackets().getIssuerFingerprint();
        return fp == null ? 0 : fp.getKeyIdentifier().getKeyId();
    }

    private static String level(int type) {
        return switch (type) {
            case PGPSignature.DEFAULT_CERTIFICATION -> "generic";
            case PGPSignature.NO_CERTIFICATION -> "persona";
            case PGPSignature.CASUAL_CERTIFICATION -> "casual";
            case PGPSignature.POSITIVE_CERTIFICATION -> "positive";
            default -> "type-" + type;
        };
    }
}
