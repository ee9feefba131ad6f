package org.tegami.smime;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key with its certificate and the chain that goes with it (as found in a PKCS #12
 * file): what signing and decryption need.
 *
 * @param chain intermediates (and optionally the root) to include when signing; may be empty
 */
public record SmimeCredential(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

    public SmimeCredential {
        chain = List.copyOf(chain);
    }

    public SmimeCredential(PrivateKey privateKey, X509Certificate certificate) {
        this(privateKey, certificate, List.of());
    }

    @Override
    public String toString() {
        return "SmimeCredential[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
