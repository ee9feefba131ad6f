package org.tegami.smime;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Certificate path validation for S/MIME (RFC 5280 §6 via Bouncy Castle's PKIX builder, which also
 * handles explicit EC parameters the JDK refuses, RFC 8550 §4.4
 * key usage for e-mail), at an injected instant, with revocation checked only against the CRLs of
 * the {@link TrustStore} (RFC 5280 §6.3). No network access ever happens here.
 */
public final class ChainValidator {

    /** What the certificate is about to be used for; decides the key usage bits required. */
    public enum Purpose { SIGNING, ENCRYPTION }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private ChainValidator() {}

    public static ChainResult validate(X509Certificate leaf, Collection<X509Certificate> extraCerts, TrustStore trust,
            Instant at, Purpose purpose) {
        List<String> notes = new ArrayList<>();
        String who = Certificates.describe(leaf).displayName();
        if (at.isAfter(leaf.getNotAfter().toInstant())) {
            return result(ChainResult.Status.EXPIRED, "The certificate of " + who + " expired on "
                    + DAY.format(leaf.getNotAfter().toInstant()) + ".", List.of(leaf), null, notes);
        }
        if (at.isBefore(leaf.getNotBefore().toInstant())) {
            return result(ChainResult.Status.NOT_YET_VALID, "The certificate of " + who + " is not valid before "
                    + DAY.format(leaf.getNotBefore().toInstant()) + ".", List.of(leaf), null, notes);
        }
        String usage = usageProblem(leaf, purpose);
        if (usage != null) {
            return result(ChainResult.Status.WRONG_USAGE, "The certificate of " + who + " " + usage + ".", List.of(leaf), null, notes);
        }
        if (trust.anchors().isEmpty()) {
            return result(ChainResult.Status.UNTRUSTED, "No trusted certificate authorities are configured, so the certificate of "
                    + who + " cannot be trusted.", List.of(leaf), null, notes);
        }
        PKIXCertPathBuilderResult built = build(leaf, extraCerts, trust, at);
        if (built == null) {
            return unbuildable(leaf, extraCerts, trust, at, who, notes);
        }
        List<X509Certificate> path = new ArrayList<>();
        for (var c : built.getCertPath().getCertificates()) {
            path.add((X509Certificate) c);
        }
        if (path.isEmpty()) {
            path.add(leaf); // the leaf is itself a trust anchor
        }
        X509Certificate anchor = built.getTrustAnchor().getTrustedCert();
        ChainResult revoked = checkCrls(path, anchor, trust.crls(), at, notes);
        if (revoked != null) {
            return revoked;
        }
        return result(ChainResult.Status.TRUSTED, null, path, anchor, notes);
    }

    private static ChainResult result(ChainResult.Status s, String reason, List<X509Certificate> path, X509Certificate anchor,
            List<String> notes) {
        return new ChainResult(s, reason, path, anchor, notes);
    }

    /** RFC 8550 §4.4.2 (key usage) and §4.4.4 (extended key usage: emailProtection or any). */
    static String usageProblem(X509Certificate leaf, Purpose purpose) {
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null) {
            boolean ok = purpose == Purpose.SIGNING
                    ? bit(ku, 0) || bit(ku, 1)
                    : (leaf.getPublicKey() instanceof RSAPublicKey ? bit(ku, 2) : bit(ku, 4));
            if (!ok) {
                return purpose == Purpose.SIGNING
                        ? "does not allow digital signatures (key usage)"
                        : "does not allow encryption (key usage)";
            }
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && !eku.contains(Certificates.EMAIL_PROTECTION.getId()) && !eku.contains("2.5.29.37.0")) {
                return "is not meant for e-mail protection (extended key usage)";
            }
        } catch (CertificateParsingException e) {
            return "has an unreadable extended key usage extension";
        }
        return null;
    }

    private static boolean bit(boolean[] bits, int i) {
        return i < bits.length && bits[i];
    }

    private static PKIXCertPathBuilderResult build(X509Certificate leaf, Collection<X509Certificate> extra, TrustStore trust,
            Instant at) {
        for (X509Certificate a : trust.anchors()) {
            if (a.equals(leaf)) {
                return anchorOnly(a);
            }
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate a : trust.anchors()) {
                anchors.add(new TrustAnchor(a, null));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            Set<X509Certificate> pool = new LinkedHashSet<>(extra);
            pool.addAll(trust.intermediates());
            pool.add(leaf);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool), Bc.PROVIDER));
            params.setDate(Date.from(at));
            params.setRevocationEnabled(false); // CRLs are checked below, only those given as files
            params.setMaxPathLength(8);
            return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX", Bc.PROVIDER).build(params);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static PKIXCertPathBuilderResult anchorOnly(X509Certificate a) {
        try {
            var cf = java.security.cert.CertificateFactory.getInstance("X.509");
            return new PKIXCertPathBuilderResult(cf.generateCertPath(List.of()), new TrustAnchor(a, null), null, a.getPublicKey());
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** No path at {@code at}: say whether one exists at another time (an expired link) or none at all. */
    private static ChainResult unbuildable(X509Certificate leaf, Collection<X509Certificate> extra, TrustStore trust,
            Instant at, String who, List<String> notes) {
        Instant probe = leaf.getNotBefore().toInstant().plusSeconds(1);
        PKIXCertPathBuilderResult then = build(leaf, extra, trust, probe);
        if (then != null) {
            List<X509Certificate> chain = new ArrayList<>();
            for (var c : then.getCertPath().getCertificates()) {
                chain.add((X509Certificate) c);
            }
            chain.add(then.getTrustAnchor().getTrustedCert());
            for (X509Certificate c : chain) {
                if (at.isAfter(c.getNotAfter().toInstant()) || at.isBefore(c.getNotBefore().toInstant())) {
                    return result(ChainResult.Status.EXPIRED, "The certificate chain of " + who + " is not valid now: "
                            + Certificates.describe(c).displayName() + " is valid only from "
                            + DAY.format(c.getNotBefore().toInstant()) + " to " + DAY.format(c.getNotAfter().toInstant()) + ".",
                            chain, null, notes);
                }
            }
        }
        return result(ChainResult.Status.UNTRUSTED, "The certificate of " + who
                + " does not chain to a trusted certificate authority (issuer: "
                + leaf.getIssuerX500Principal().getName() + ").", List.of(leaf), null, notes);
    }

    /** RFC 5280 §6.3: each certificate on the path against a CRL its issuer signed, if one was given. */
    private static ChainResult checkCrls(List<X509Certificate> path, X509Certificate anchor, List<X509CRL> crls, Instant at,
            List<String> notes) {
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            if (cert.equals(anchor)) {
                continue;
            }
            PublicKey issuerKey = i + 1 < path.size() ? path.get(i + 1).getPublicKey() : anchor.getPublicKey();
            boolean covered = false;
            for (X509CRL crl : crls) {
                if (!crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()) || !signedBy(crl, issuerKey)) {
                    continue;
                }
                covered = true;
                if (crl.getNextUpdate() != null && at.isAfter(crl.getNextUpdate().toInstant())) {
                    notes.add("the CRL of " + crl.getIssuerX500Principal().getName() + " is out of date (next update was "
                            + DAY.format(crl.getNextUpdate().toInstant()) + ")");
                }
                X509CRLEntry entry = crl.getRevokedCertificate(cert);
                if (entry != null && !at.isBefore(entry.getRevocationDate().toInstant())) {
                    String why = entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")";
                    return result(ChainResult.Status.REVOKED, "The certificate of " + Certificates.describe(cert).displayName()
                            + " was revoked on " + DAY.format(entry.getRevocationDate().toInstant()) + why + ".",
                            path, anchor, notes);
                }
            }
            if (!covered) {
                notes.add("revocation not checked for " + Certificates.describe(cert).displayName()
                        + ": no CRL from its issuer was given");
            }
        }
        return null;
    }

    private static boolean signedBy(X509CRL crl, PublicKey key) {
        try {
            crl.verify(key, Bc.PROVIDER);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
