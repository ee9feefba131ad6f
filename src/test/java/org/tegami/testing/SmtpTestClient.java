package org.tegami.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.tegami.io.LineReader;
import org.tegami.smtp.Reply;
import org.tegami.smtp.ReplyParser;

/** A raw SMTP client for protocol tests: send exact bytes, read replies, upgrade to TLS. */
public final class SmtpTestClient implements AutoCloseable {

    private Socket socket;
    private LineReader in;
    private OutputStream out;

    public SmtpTestClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    private SmtpTestClient(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(20_000);
        in = new LineReader(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects with implicit TLS (465), trusting any certificate (the test server's is self-signed). */
    public static SmtpTestClient tls(int port) throws IOException {
        SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        s.startHandshake();
        return new SmtpTestClient(s);
    }

    public Reply read() throws IOException {
        return ReplyParser.read(in);
    }

    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Sends a command line (CRLF added) and reads the reply. */
    public Reply cmd(String line) throws IOException {
        send(line + "\r\n");
        return read();
    }

    public void startTls() throws IOException {
        Reply r = cmd("STARTTLS");
        if (r.code() != 220) {
            throw new IOException("STARTTLS refused: " + r);
        }
        upgradeTls();
    }

    /** TLS handshake on the current connection (after the server said 220 to STARTTLS). */
    public void upgradeTls() throws IOException {
        SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        s.startHandshake();
        socket = s;
        in = new LineReader(s.getInputStream());
        out = s.getOutputStream();
    }

    public SSLSocket sslSocket() {
        return (SSLSocket) socket;
    }

    /** True if the server has sent something not yet read. */
    public boolean hasInput() throws IOException {
        return in.hasPending();
    }

    /** True if the server closed the connection (read returns end of stream). */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    public static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
