package org.tegami.config;

/**
 * [tls] — certificate chain and private key as PEM files. When both are absent a self-signed
 * certificate is generated on first start and kept in the data directory.
 */
public record TlsConfig(String cert, String key) {

    static TlsConfig from(Section s) throws ConfigException {
        String cert = s.string("cert", null);
        String key = s.string("key", null);
        if ((cert == null) != (key == null)) {
            throw s.error(cert == null ? "cert" : "key", "set both cert and key, or neither");
        }
        return new TlsConfig(cert, key);
    }

    public boolean selfSigned() {
        return cert == null;
    }
}
