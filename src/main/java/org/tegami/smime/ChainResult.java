package org.tegami.smime;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The outcome of checking a certificate against the {@link TrustStore} (RFC 5280 §6 path
 * validation, RFC 8550 §4.4 key usage, CRLs from files).
 *
 * @param reason one sentence for people; null when trusted
 * @param path the certificates from the leaf up to (excluding) the anchor, when one was built
 * @param notes what was not checked or is worth knowing (e.g. no CRL for an issuer)
 */
public record ChainResult(Status status, String reason, List<X509Certificate> path, X509Certificate anchor,
        List<String> notes) {

    public enum Status { TRUSTED, UNTRUSTED, EXPIRED, NOT_YET_VALID, REVOKED, WRONG_USAGE }

    public ChainResult {
        path = List.copyOf(path);
        notes = List.copyOf(notes);
    }

    public boolean trusted() {
        return status == Status.TRUSTED;
    }
}
