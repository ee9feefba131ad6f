package org.tegami.pgp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReason;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Decides what a public key is worth at a given instant (RFC 9580 §5.2.1 signature types, §5.2.3
 * subpackets, §10.1 key structure): which self-signatures verify, whether the key or a subkey is
 * revoked (hard revocations invalidate all signatures ever made, soft ones only later ones,
 * §5.2.3.31), when it expires (§5.2.3.13), and which subkeys may sign (with a verified back
 * signature, §5.2.3.34 / §11.1) or encrypt. Signatures that do not verify are ignored.
 */
public final class KeyEvaluator {

    /** A verified revocation. {@code hard}: key compromised or no reason given. */
    public record Revocation(Instant time, int reasonCode, String description, boolean hard) {
        /** Whether a signature created at {@code signed} is invalidated by this revocation. */
        public boolean invalidates(Instant signed) {
            return hard || signed == null || !signed.isBefore(time);
        }
    }

    /** The state of one key (primary or subkey) as used for signing or encryption. */
    public record KeyState(PGPPublicKey key, boolean bound, int flags, Instant expires, Revocation revocation) {
        public boolean canSign() {
            return (flags & KeyFlags.SIGN_DATA) != 0;
        }

        public boolean canEncrypt() {
            return (flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0;
        }

        /** Bound, not revoked, not expired at {@code at}. */
        public boolean usableAt(Instant at) {
            return bound && revocation == null && (expires == null || at.isBefore(expires))
                    && !at.isBefore(key.getCreationTime().toInstant());
        }
    }

    /** A user ID with its latest valid self-certification. */
    public record UserIdState(String userId, byte[] raw, boolean selfCertified, boolean primary, Revocation revocation,
            PGPSignature selfCertification) {}

    /** The evaluated key. */
    public record Evaluation(PGPPublicKeyRing ring, KeyState primary, List<UserIdState> userIds, List<KeyState> subkeys,
            List<String> weakSelfSignatures) {

        /** The key ID's key (primary or subkey), or null. */
        public KeyState stateOf(long keyId) {
            if (primary.key().getKeyID() == keyId) {
                return primary;
            }
            for (KeyState s : subkeys) {
                if (s.key().getKeyID() == keyId) {
                    return s;
                }
            }
            return null;
        }

        /** Primary is valid at {@code at}: self-certified, not revoked, not expired. */
        public boolean validAt(Instant at) {
            return primary.usableAt(at);
        }

        /** The newest key usable for encryption at {@code at}, or null. */
        public PGPPublicKey encryptionKey(Instant at) {
            if (!validAt(at)) {
                return null;
            }
            PGPPublicKey best = null;
            for (KeyState s : subkeys) {
                if (s.canEncrypt() && s.usableAt(at) && s.key().isEncryptionKey()
                        && (best == null || s.key().getCreationTime().after(best.getCreationTime()))) {
                    best = s.key();
                }
            }
            if (best == null && primary.canEncrypt() && primary.key().isEncryptionKey()) {
                best = primary.key();
            }
            return best;
        }

        /** The newest key usable for signing at {@code at}, or null. */
        public PGPPublicKey signingKey(Instant at) {
            if (!validAt(at)) {
                return null;
            }
            PGPPublicKey best = primary.canSign() ? primary.key() : null;
            for (KeyState s : subkeys) {
                if (s.canSign() && s.usableAt(at) && (best == null || s.key().getCreationTime().after(best.getCreationTime()))) {
                    best = s.key();
                }
            }
            return best;
        }

        /** The primary user ID: flagged primary, else the first self-certified one, else the first. */
        public String primaryUserId() {
            for (UserIdState u : userIds) {
                if (u.primary() && u.selfCertified() && u.revocation() == null) {
                    return u.userId();
                }
            }
            for (UserIdState u : userIds) {
                if (u.selfCertified() && u.revocation() == null) {
                    return u.userId();
                }
            }
            return userIds.isEmpty() ? null : userIds.get(0).userId();
        }
    }

    private KeyEvaluator() {}

    static final JcaPGPContentVerifierBuilderProvider VERIFIERS = new JcaPGPContentVerifierBuilderProvider().setProvider(Bc.PROVIDER);

    public static Evaluation evaluate(PGPPublicKeyRing ring, Instant at) {
        PGPPublicKey primary = ring.getPublicKey();
        List<String> weak = new ArrayList<>();
        List<UserIdState> uids = new ArrayList<>();
        // The governing self-signature: the newest on a user ID flagged primary, else the newest.
        PGPSignature latestSelf = null;
        boolean latestPrimary = false;
        for (Iterator<byte[]> it = primary.getRawUserIDs(); it.hasNext();) {
            byte[] raw = it.next();
            UserIdState u = userId(primary, raw, at);
            uids.add(u);
            if (u.selfCertification() == null || u.revocation() != null) {
                continue;
            }
            boolean newer = latestSelf == null || u.selfCertification().getCreationTime().after(latestSelf.getCreationTime());
            if (latestSelf == null || (u.primary() && !latestPrimary) || (u.primary() == latestPrimary && newer)) {
                latestSelf = u.selfCertification();
                latestPrimary = u.primary();
            }
        }
        PGPSignature direct = latest(primary, PGPSignature.DIRECT_KEY, at, s -> verify(s, primary, null, null));
        Revocation revocation = revocation(primary, PGPSignature.KEY_REVOCATION, at, s -> verify(s, primary, null, null));
        boolean bound = latestSelf != null || direct != null;
        PGPSignature governing = latestSelf != null ? latestSelf : direct;
        int flags = flags(governing, direct, primary);
        Instant expires = expiry(primary, governing, direct);
        KeyState primaryState = new KeyState(primary, bound, flags, expires, revocation);
        List<KeyState> subs = new ArrayList<>();
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext();) {
            PGPPublicKey k = it.next();
            if (!k.isMasterKey()) {
                subs.add(subkey(primary, k, at, revocation));
            }
        }
        if (governing != null && weakHash(governing.getHashAlgorithm())) {
            weak.add(PgpAlgorithms.hashName(governing.getHashAlgorithm()) + " self-signature");
        }
        return new Evaluation(ring, primaryState, uids, subs, weak);
    }

    static boolean isPrimary(PGPSignature s) {
        return s.getHashedSubPackets() != null && s.getHashedSubPackets().isPrimaryUserID();
    }

    private static UserIdState userId(PGPPublicKey primary, byte[] raw, Instant at) {
        String id = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        PGPSignature best = null;
        Revocation revoked = null;
        for (Iterator<PGPSignature> it = primary.getSignaturesForID(raw); it != null && it.hasNext();) {
            PGPSignature s = it.next();
            if (s.getKeyID() != primary.getKeyID() && !issuedBy(s, primary)) {
                continue; // third-party certification: see KeyRing for the web of trust
            }
            if (created(s).isAfter(at) || !verifyUid(s, raw, primary)) {
                continue;
            }
            if (s.getSignatureType() == PGPSignature.CERTIFICATION_REVOCATION) {
                Revocation r = toRevocation(s);
                if (revoked == null || r.time().isAfter(revoked.time())) {
                    revoked = r;
                }
            } else if (PGPSignature.isCertification(s.getSignatureType()) && !expiredSignature(s, at)
                    && (best == null || s.getCreationTime().after(best.getCreationTime()))) {
                best = s;
            }
        }
        // A certification newer than the revocation re-validates the user ID (RFC 9580 §5.2.1.12).
        if (revoked != null && best != null && best.getCreationTime().toInstant().isAfter(revoked.time())) {
            revoked = null;
        }
        return new UserIdState(id, raw, best != null, best != null && isPrimary(best), revoked, best);
    }

    private static KeyState subkey(PGPPublicKey primary, PGPPublicKey sub, Instant at, Revocation primaryRevocation) {
        PGPSignature binding = latest(sub, PGPSignature.SUBKEY_BINDING, at, s -> verify(s, primary, sub, null));
        Revocation revocation = revocation(sub, PGPSignature.SUBKEY_REVOCATION, at, s -> verify(s, primary, sub, null));
        if (revocation == null) {
            revocation = primaryRevocation;
        }
        int flags = flags(binding, null, sub);
        boolean bound = binding != null;
        if (bound && (flags & KeyFlags.SIGN_DATA) != 0 && !hasBackSignature(binding, primary, sub)) {
            flags &= ~KeyFlags.SIGN_DATA; // RFC 9580 §5.2.3.34: a signing subkey needs a back signature
        }
        return new KeyState(sub, bound, flags, expiry(sub, binding, null), revocation);
    }

    private static boolean hasBackSignature(PGPSignature binding, PGPPublicKey primary, PGPPublicKey sub) {
        try {
            PGPSignatureList embedded = binding.getHashedSubPackets().getEmbeddedSignatures();
            for (PGPSignature e : embedded) {
                if (e.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING) {
                    e.init(VERIFIERS, sub);
                    if (e.verifyCertification(primary, sub)) {
                        return true;
                    }
                }
            }
            if (binding.getUnhashedSubPackets() != null) {
                for (PGPSignature e : binding.getUnhashedSubPackets().getEmbeddedSignatures()) {
                    if (e.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING) {
                        e.init(VERIFIERS, sub);
                        if (e.verifyCertification(primary, sub)) {
                            return true;
                        }
                    }
                }
            }
        } catch (Exception e) {
            return false;
        }
        return false;
    }

    private interface Check {
        boolean ok(PGPSignature s);
    }

    private static PGPSignature latest(PGPPublicKey key, int type, Instant at, Check check) {
        PGPSignature best = null;
        for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext();) {
            PGPSignature s = it.next();
            if (!created(s).isAfter(at) && !expiredSignature(s, at) && check.ok(s)
                    && (best == null || s.getCreationTime().after(best.getCreationTime()))) {
                best = s;
            }
        }
        return best;
    }

    private static Revocation revocation(PGPPublicKey key, int type, Instant at, Check check) {
        Revocation found = null;
        for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext();) {
            PGPSignature s = it.next();
            if (created(s).isAfter(at) || !check.ok(s)) {
                continue;
            }
            Revocation r = toRevocation(s);
            if (found == null || (r.hard() && !found.hard()) || r.time().isBefore(found.time())) {
                found = r;
            }
        }
        return found;
    }

    private static Revocation toRevocation(PGPSignature s) {
        int code = 0;
        String text = "";
        PGPSignatureSubpacketVector h = s.getHashedSubPackets();
        RevocationReason rr = h == null ? null : (RevocationReason) h.getSubpacket(SignatureSubpacketTags.REVOCATION_REASON);
        if (rr != null) {
            code = rr.getRevocationReason() & 0xff;
            text = rr.getRevocationDescription();
        }
        // RFC 9580 §5.2.3.31: superseded (1), retired (3), user ID no longer valid (32) are soft.
        boolean hard = !(code == 1 || code == 3 || code == 32);
        return new Revocation(created(s), code, text, hard);
    }

    static boolean verify(PGPSignature s, PGPPublicKey primary, PGPPublicKey sub, byte[] uid) {
        try {
            s.init(VERIFIERS, primary);
            if (uid != null) {
                return s.verifyCertification(uid, primary);
            }
            return sub == null ? s.verifyCertification(primary) : s.verifyCertification(primary, sub);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean verifyUid(PGPSignature s, byte[] raw, PGPPublicKey primary) {
        return verify(s, primary, null, raw);
    }

    static boolean issuedBy(PGPSignature s, PGPPublicKey key) {
        try {
            var fp = s.getHashedSubPackets() == null ? null : s.getHashedSubPackets().getIssuerFingerprint();
            return fp != null && java.util.Arrays.equals(fp.getFingerprint(), key.getFingerprint());
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Instant created(PGPSignature s) {
        return s.getCreationTime().toInstant();
    }

    private static boolean expiredSignature(PGPSignature s, Instant at) {
        PGPSignatureSubpacketVector h = s.getHashedSubPackets();
        long secs = h == null ? 0 : h.getSignatureExpirationTime();
        return secs > 0 && !at.isBefore(created(s).plusSeconds(secs));
    }

    private static int flags(PGPSignature governing, PGPSignature direct, PGPPublicKey key) {
        for (PGPSignature s : new PGPSignature[] {governing, direct}) {
            if (s != null && s.getHashedSubPackets() != null && s.getHashedSubPackets().hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) {
                return s.getHashedSubPackets().getKeyFlags();
            }
        }
        // No key flags subpacket (old keys): what the algorithm can do.
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL -> KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER | KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;
            case PublicKeyAlgorithmTags.RSA_ENCRYPT, PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, PublicKeyAlgorithmTags.ECDH,
                    PublicKeyAlgorithmTags.X25519, PublicKeyAlgorithmTags.X448 -> KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;
            default -> KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER;
        };
    }

    private static Instant expiry(PGPPublicKey key, PGPSignature governing, PGPSignature direct) {
        for (PGPSignature s : new PGPSignature[] {governing, direct}) {
            if (s != null && s.getHashedSubPackets() != null && s.getHashedSubPackets().hasSubpacket(SignatureSubpacketTags.KEY_EXPIRE_TIME)) {
                long secs = s.getHashedSubPackets().getKeyExpirationTime();
                return secs <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(secs);
            }
        }
        long v3 = key.getValidSeconds();
        return key.getVersion() <= 3 && v3 > 0 ? key.getCreationTime().toInstant().plusSeconds(v3) : null;
    }

    static boolean weakHash(int hashAlgorithm) {
        return PgpAlgorithms.weakHash(hashAlgorithm);
    }
}
