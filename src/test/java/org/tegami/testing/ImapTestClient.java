package org.tegami.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw IMAP client for protocol tests: sends exact bytes, reads whole responses (a line plus any
 * literals it announces), runs tagged commands and returns their untagged responses and the
 * tagged completion. Text is kept one char per octet (ISO-8859-1) so 8-bit data compares exactly.
 */
public final class ImapTestClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tags;

    /** The responses of one command: untagged ones and the tagged completion. */
    public record Result(List<String> untagged, String tagged) {
        public boolean ok() {
            return status().equals("OK");
        }

        /** "OK", "NO" or "BAD". */
        public String status() {
            String[] p = tagged.split(" ", 3);
            return p.length > 1 ? p[1].toUpperCase(java.util.Locale.ROOT) : "";
        }

        public String all() {
            return String.join("\n", untagged) + "\n" + tagged;
        }

        /** The number in group 1 of the first match of regex in the whole response; fails if none. */
        public long number(String regex) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(all());
            if (!m.find()) {
                throw new AssertionError(regex + " in " + all());
            }
            return Long.parseLong(m.group(1));
        }

        /** Untagged responses that start with the given text (case-insensitive, after "* "). */
        public List<String> starting(String prefix) {
            List<String> out = new ArrayList<>();
            for (String u : untagged) {
                if (u.regionMatches(true, 2, prefix, 0, prefix.length())) {
                    out.add(u);
                }
            }
            return out;
        }
    }

    public ImapTestClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    private ImapTestClient(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Implicit TLS (993), trusting the test server's self-signed certificate. */
    public static ImapTestClient tls(int port) throws IOException {
        SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        s.startHandshake();
        return new ImapTestClient(s);
    }

    /** After "OK Begin TLS": the handshake on the same socket. */
    public void startTls() throws IOException {
        SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        s.startHandshake();
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    public void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** One response: a line, with the literals it announces inlined as "{n}\r\n" + data. */
    public String readResponse() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line == null) {
                return sb.length() == 0 ? null : sb.toString();
            }
            sb.append(line);
            int n = literalSize(line);
            if (n < 0) {
                return sb.toString();
            }
            sb.append("\r\n");
            byte[] data = in.readNBytes(n);
            sb.append(new String(data, StandardCharsets.ISO_8859_1));
        }
    }

    static int literalSize(String line) {
        if (!line.endsWith("}")) {
            return -1;
        }
        int open = line.lastIndexOf('{');
        if (open < 0) {
            return -1;
        }
        String n = line.substring(open + 1, line.length() - 1);
        if (n.endsWith("+")) {
            n = n.substring(0, n.length() - 1);
        }
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A line without CRLF, or null at end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] a = b.toByteArray();
                int len = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
                return new String(a, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    public String greeting() throws IOException {
        return readResponse();
    }

    public void send(String raw) throws IOException {
        sendBytes(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    public String nextTag() {
        return "t" + (++tags);
    }

    /** Sends "tag command" CRLF and reads until the tagged reply. */
    public Result command(String command) throws IOException {
        String tag = nextTag();
        send(tag + " " + command + "\r\n");
        return readUntil(tag);
    }

    /**
     * Sends a command with one synchronizing literal: "tag prefix {n}", waits for "+", sends the
     * data and the rest of the line.
     */
    public Result commandWithLiteral(String prefix, byte[] literal, String rest) throws IOException {
        String tag = nextTag();
        send(tag + " " + prefix + " {" + literal.length + "}\r\n");
        String cont = readResponse();
        if (cont == null || !cont.startsWith("+")) {
            List<String> untagged = new ArrayList<>();
            String r = cont;
            while (r != null && !r.startsWith(tag + " ")) {
                untagged.add(r);
                r = readResponse();
            }
            return new Result(untagged, r);
        }
        sendBytes(literal);
        send(rest + "\r\n");
        return readUntil(tag);
    }

    public Result readUntil(String tag) throws IOException {
        List<String> untagged = new ArrayList<>();
        while (true) {
            String r = readResponse();
            if (r == null) {
                throw new IOException("connection closed before the tagged reply; got " + untagged);
            }
            if (r.startsWith(tag + " ")) {
                return new Result(untagged, r);
            }
            untagged.add(r);
        }
    }

    public Result login(String user, String password) throws IOException {
        return command("LOGIN " + quote(user) + " " + quote(password));
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public boolean isClosed() throws IOException {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static SSLContext trustAll() throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] c, String a) {}

                public void checkServerTrusted(X509Certificate[] c, String a) {}

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
