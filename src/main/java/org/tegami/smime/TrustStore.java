package org.tegami.smime;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the administrator trusts for S/MIME: trust anchors (root or otherwise directly trusted CA
 * certificates, {@code tegami trust add CA.pem}), extra intermediate certificates for building
 * chains, and CRLs read from files (revocation is checked only against these: no network).
 */
public record TrustStore(List<X509Certificate> anchors, List<X509Certificate> intermediates, List<X509CRL> crls) {

    public TrustStore {
        anchors = List.copyOf(anchors);
        intermediates = List.copyOf(intermediates);
        crls = List.copyOf(crls);
    }

    public static TrustStore empty() {
        return new TrustStore(List.of(), List.of(), List.of());
    }

    public static TrustStore of(List<X509Certificate> anchors) {
        return new TrustStore(anchors, List.of(), List.of());
    }

    public TrustStore withAnchor(X509Certificate anchor) {
        List<X509Certificate> a = new ArrayList<>(anchors);
        a.add(anchor);
        return new TrustStore(a, intermediates, crls);
    }

    public TrustStore withIntermediates(List<X509Certificate> more) {
        List<X509Certificate> i = new ArrayList<>(intermediates);
        i.addAll(more);
        return new TrustStore(anchors, i, crls);
    }

    public TrustStore withCrls(List<X509CRL> more) {
        List<X509CRL> c = new ArrayList<>(crls);
        c.addAll(more);
        return new TrustStore(anchors, intermediates, c);
    }
}
