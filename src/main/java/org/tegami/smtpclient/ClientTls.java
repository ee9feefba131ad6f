package org.tegami.smtpclient;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for outbound SMTP: TLS 1.2 and 1.3 only. With verification the JDK's trust store and host
 * name check (RFC 6125) apply; without it (opportunistic MX delivery, RFC 7435) any certificate is
 * accepted, which still defeats passive eavesdropping.
 */
final class ClientTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final SSLContext VERIFYING = context(true);
    private static final SSLContext OPPORTUNISTIC = context(false);

    private ClientTls() {}

    static SSLSocket wrap(Socket plain, String serverName, int port, boolean verify) throws IOException {
        SSLContext ctx = verify ? VERIFYING : OPPORTUNISTIC;
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, serverName, port, true);
        s.setUseClientMode(true);
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        if (serverName != null && !serverName.isEmpty() && !serverName.startsWith("[")
                && !com.google.common.net.InetAddresses.isInetAddress(serverName)) {
            p.setServerNames(java.util.List.of(new SNIHostName(serverName)));
        }
        if (verify) {
            p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 DNS-ID matching
        }
        s.setSSLParameters(p);
        return s;
    }

    private static SSLContext context(boolean verify) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, verify ? null : new TrustManager[] {new TrustAll()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opportunistic TLS: encryption without authentication (RFC 7435 §1.2). */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
