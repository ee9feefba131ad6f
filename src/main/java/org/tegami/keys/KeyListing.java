package org.tegami.keys;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.KeyTrust;
import org.tegami.pgp.PgpKeyInfo;
import org.tegami.smime.CertificateInfo;
import org.tegami.smime.Certificates;
import org.tegami.smime.ChainResult;
import org.tegami.smime.ChainValidator;
import org.tegami.store.KeyStore;

/**
 * What {@code tegami keys list} prints for one stored key: a summary line (address, kind,
 * fingerprint, trust, private key deposited), then for certificates the subject, issuer, validity
 * and whether the chain reaches a trust anchor (with the configured CRLs); for OpenPGP keys the
 * algorithm, validity, revocation, user IDs and the certifications others made on them — the web
 * of trust (RFC 9580 §5.2.1), checked against the keys Tegami knows.
 */
public final class KeyListing {

    private KeyListing() {}

    public static List<String> describe(KeyStore.StoredKey k, CryptoKeys.Snapshot snapshot, Instant now) {
        List<String> out = new ArrayList<>();
        out.add(k.address() + "  " + k.kind().name().toLowerCase(Locale.ROOT) + "  " + k.fingerprint() + "  "
                + k.trust().name().toLowerCase(Locale.ROOT) + (k.source() == KeyStore.Source.HARVEST ? " (learned from mail)" : "")
                + (k.hasPrivate() ? "  private-key" : ""));
        if (k.kind() == KeyStore.Kind.SMIME) {
            smime(k, snapshot, now, out);
        } else {
            pgp(k, snapshot, now, out);
        }
        return out;
    }

    private static void smime(KeyStore.StoredKey k, CryptoKeys.Snapshot snapshot, Instant now, List<String> out) {
        X509Certificate c = AccountKeys.certificate(k);
        if (c == null) {
            out.add("    (the stored certificate cannot be read)");
            return;
        }
        CertificateInfo i = Certificates.describe(c);
        out.add("    subject: " + i.subject());
        out.add("    issuer: " + i.issuer());
        out.add("    valid: " + day(i.notBefore()) + " to " + day(i.notAfter()) + (i.validAt(now) ? "" : "  (NOT VALID NOW)")
                + "  key: " + i.keyAlgorithm() + "  addresses: " + String.join(", ", i.emailAddresses()));
        ChainResult r = ChainValidator.validate(c, AccountKeys.chain(k), snapshot.trust(), now, ChainValidator.Purpose.SIGNING);
        String status = r.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
        out.add("    chain: " + status + (r.trusted() && r.anchor() != null
                ? " (anchor " + r.anchor().getSubjectX500Principal().getName() + ")" : ": " + r.reason()));
    }

    private static void pgp(KeyStore.StoredKey k, CryptoKeys.Snapshot snapshot, Instant now, List<String> out) {
        PGPPublicKeyRing ring = AccountKeys.ring(k);
        if (ring == null) {
            out.add("    (the stored key cannot be read)");
            return;
        }
        // Described through the server's keyring so that certifications by known keys are checked.
        KeyRing kr = snapshot.keyring();
        KeyRing.Entry entry = kr.get(k.fingerprint()).orElse(new KeyRing.Entry(ring,
                k.trust() == KeyStore.Trust.VERIFIED ? KeyTrust.VERIFIED : KeyTrust.UNVERIFIED));
        PgpKeyInfo i = kr.info(entry, now);
        out.add("    " + i.algorithm() + "  created " + day(i.created()) + (i.expires() == null ? "  no expiry" : "  expires "
                + day(i.expires())) + "  " + i.validity().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (i.revocationReason() == null ? "" : " (" + i.revocationReason() + ")")
                + (i.canSign() ? "  sign" : "") + (i.canEncrypt() ? "  encrypt" : ""));
        for (PgpKeyInfo.UserId u : i.userIds()) {
            out.add("    uid " + u.userId() + (u.primary() ? "  [primary]" : "") + (u.revoked() ? "  [revoked]" : "")
                    + (u.selfCertified() ? "" : "  [not self-certified]"));
            for (PgpKeyInfo.Certification cert : u.certifications()) {
                out.add("        certified by " + (cert.issuerFingerprint() != null ? cert.issuerFingerprint() : cert.issuerKeyId())
                        + (cert.issuerUserId() == null ? "" : " (" + cert.issuerUserId() + ")") + "  " + cert.level() + "  "
                        + day(cert.created()) + "  " + cert.status().name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + (cert.issuerTrust() == null ? "" : ", issuer " + cert.issuerTrust().name().toLowerCase(Locale.ROOT)));
            }
        }
        for (PgpKeyInfo.Subkey s : i.subkeys()) {
            out.add("    sub " + s.fingerprint() + "  " + s.algorithm() + "  " + String.join(",", s.usage())
                    + (s.expires() == null ? "" : "  expires " + day(s.expires())) + (s.revoked() ? "  [revoked]" : ""));
        }
        for (String w : i.weakAlgorithms()) {
            out.add("    weak: " + w);
        }
    }

    private static String day(Instant t) {
        return t.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
    }
}
