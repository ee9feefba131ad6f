package org.tegami.smtpclient;

import java.net.InetAddress;
import java.time.Duration;

/**
 * How the client talks to one server.
 *
 * @param heloName our name in EHLO/HELO
 * @param bindAddress local address to connect from (serve --bind, Postfix's smtp_bind_address); null = any
 * @param tls what to do about TLS
 * @param verifyCertificate check the server's chain and name (smarthost tls_verify; MX: off until MTA-STS/DANE)
 * @param tlsServerName the name to verify the certificate against (and SNI)
 * @param username AUTH user (smarthost), or null for no AUTH
 * @param password AUTH password, or null
 */
public record ClientOptions(
        String heloName,
        InetAddress bindAddress,
        Duration connectTimeout,
        Duration commandTimeout,
        Duration dataTimeout,
        TlsMode tls,
        boolean verifyCertificate,
        String tlsServerName,
        String username,
        String password) {

    /** RFC 3207 STARTTLS policies and RFC 8314 implicit TLS. */
    public enum TlsMode {
        /** Never STARTTLS (the retry after a failed opportunistic handshake). */
        NONE,
        /** STARTTLS when offered, else plaintext (RFC 3207 §4.1 opportunistic, MX default). */
        OPPORTUNISTIC,
        /** STARTTLS must succeed or the session fails. */
        REQUIRED,
        /** TLS from the first byte (RFC 8314 §3, port 465). */
        IMPLICIT
    }

    public ClientOptions withTls(TlsMode mode) {
        return new ClientOptions(heloName, bindAddress, connectTimeout, commandTimeout, dataTimeout, mode,
                verifyCertificate, tlsServerName, username, password);
    }

    public ClientOptions withServerName(String name) {
        return new ClientOptions(heloName, bindAddress, connectTimeout, commandTimeout, dataTimeout, tls,
                verifyCertificate, name, username, password);
    }

    @Override
    public String toString() {
        return "ClientOptions[helo=" + heloName + " bind=" + bindAddress + " tls=" + tls + " verify=" + verifyCertificate
                + " user=" + username + "]";
    }
}
