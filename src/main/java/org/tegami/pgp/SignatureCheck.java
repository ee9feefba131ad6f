package org.tegami.pgp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * Checks one OpenPGP document signature (RFC 9580 §5.2.1.1-2, §5.2.4) over given data against
 * the keyring, then judges the key at the injected instant (revocation, expiry, signing
 * capability, trust). Shared by detached, cleartext and encrypted-and-signed messages.
 */
final class SignatureCheck {

    static final String CHANGED = "The signature does not match the content: the message was changed after signing.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    /** Clock skew tolerated for signatures dated slightly in the future. */
    private static final Duration SKEW = Duration.ofMinutes(15);

    private SignatureCheck() {}

    private record Found(PGPPublicKeyRing ring, KeyTrust trust, boolean attached) {}

    static PgpVerification check(PGPSignature sig, byte[] data, KeyRing keyring, List<PGPPublicKeyRing> attached, Instant now,
            PgpVerification.Form form) {
        long keyId = KeyRing.issuerKeyId(sig);
        String keyIdHex = PgpKeys.keyIdOrUnknown(keyId);
        String hash = PgpAlgorithms.hashName(sig.getHashAlgorithm());
        List<String> weak = new ArrayList<>();
        if (PgpAlgorithms.weakHash(sig.getHashAlgorithm())) {
            weak.add(hash);
        }
        Instant sigTime = sig.getCreationTime().toInstant();
        if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT && sig.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return result(PgpVerification.Status.FAIL, "The signature is not a document signature (type "
                    + sig.getSignatureType() + ").", form, null, null, keyIdHex, hash, weak, sigTime, data);
        }
        Found found = find(keyId, keyring, attached);
        if (found == null) {
            return result(PgpVerification.Status.UNKNOWN_KEY, "The message is signed with key " + keyIdHex
                    + ", which is not in the keyring.", form, null, null, keyIdHex, hash, weak, sigTime, data);
        }
        PGPPublicKey key = found.ring().getPublicKey(keyId);
        KeyEvaluator.Evaluation ev = KeyEvaluator.evaluate(found.ring(), now);
        String uid = ev.primaryUserId();
        String fpr = PgpPackets.fingerprint(found.ring().getPublicKey());
        String weakKey = PgpAlgorithms.weakKey(key);
        if (weakKey != null) {
            weak.add(PgpAlgorithms.keyName(key));
        }
        try {
            sig.init(KeyEvaluator.VERIFIERS, key);
            sig.update(data);
            if (!sig.verify()) {
                return new PgpVerification(PgpVerification.Status.FAIL, CHANGED, form, uid, fpr, keyIdHex, hash,
                        PgpAlgorithms.keyName(key), weak, sigTime, found.trust(), data, null);
            }
        } catch (Exception e) {
            return new PgpVerification(PgpVerification.Status.FAIL, "The signature could not be checked: " + PgpKeys.message(e) + ".",
                    form, uid, fpr, keyIdHex, hash, PgpAlgorithms.keyName(key), weak, sigTime, found.trust(), data, null);
        }
        String problem = keyProblem(ev, keyId, sigTime, now);
        String weakNote = weak.isEmpty() ? "" : " It uses the weak algorithm " + String.join(" and ", weak) + ".";
        String who = (uid == null ? "key " + fpr : uid + " (" + fpr + ")");
        PgpVerification.Status status;
        String reason;
        if (problem != null) {
            status = PgpVerification.Status.UNTRUSTED;
            reason = "The signature is valid, but " + problem + weakNote;
        } else if (found.trust() != KeyTrust.VERIFIED) {
            status = PgpVerification.Status.UNTRUSTED;
            reason = "The signature is valid, but the key of " + who + (found.attached()
                    ? " came with the message and has not been verified." : " was learned from mail and has not been verified.")
                    + weakNote;
        } else {
            status = PgpVerification.Status.PASS;
            reason = "The signature is valid and was made by the verified key of " + who + "." + weakNote;
        }
        return new PgpVerification(status, reason, form, uid, fpr, keyIdHex, hash, PgpAlgorithms.keyName(key), weak, sigTime,
                found.trust(), data, found.ring());
    }

    /** Why the key does not vouch for a signature made at {@code sigTime}, judged at {@code now}; or null. */
    static String keyProblem(KeyEvaluator.Evaluation ev, long keyId, Instant sigTime, Instant now) {
        KeyEvaluator.KeyState primary = ev.primary();
        KeyEvaluator.KeyState state = ev.stateOf(keyId);
        if (!primary.bound()) {
            return "the signing key has no valid self-signature.";
        }
        if (primary.revocation() != null && primary.revocation().invalidates(sigTime)) {
            return "the signing key was revoked on " + DAY.format(primary.revocation().time()) + " ("
                    + KeyRing.revocationText(primary.revocation()) + ").";
        }
        if (primary.expires() != null && !now.isBefore(primary.expires())) {
            return "the signing key expired on " + DAY.format(primary.expires()) + ".";
        }
        if (state != primary) {
            if (!state.bound()) {
                return "the signing subkey is not bound to its primary key.";
            }
            if (state.revocation() != null && state.revocation().invalidates(sigTime)) {
                return "the signing subkey was revoked on " + DAY.format(state.revocation().time()) + ".";
            }
            if (state.expires() != null && !now.isBefore(state.expires())) {
                return "the signing subkey expired on " + DAY.format(state.expires()) + ".";
            }
        }
        if (!state.canSign()) {
            return "the key that made it is not allowed to sign data.";
        }
        if (sigTime.isBefore(state.key().getCreationTime().toInstant())) {
            return "it claims to be older than the key that made it.";
        }
        if (sigTime.isAfter(now.plus(SKEW))) {
            return "it is dated in the future (" + sigTime + ").";
        }
        return null;
    }

    private static Found find(long keyId, KeyRing keyring, List<PGPPublicKeyRing> attached) {
        if (keyId == 0) {
            return null;
        }
        var e = keyring.findByKeyId(keyId);
        if (e.isPresent()) {
            return new Found(e.get().ring(), e.get().trust(), false);
        }
        for (PGPPublicKeyRing r : attached) {
            if (r.getPublicKey(keyId) != null) {
                return new Found(r, KeyTrust.UNVERIFIED, true);
            }
        }
        return null;
    }

    private static PgpVerification result(PgpVerification.Status s, String reason, PgpVerification.Form form, String uid,
            String fpr, String keyId, String hash, List<String> weak, Instant time, byte[] data) {
        return new PgpVerification(s, reason, form, uid, fpr, keyId, hash, null, weak, time, null, data, null);
    }
}
