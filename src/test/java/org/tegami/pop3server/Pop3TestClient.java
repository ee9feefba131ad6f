package org.tegami.pop3server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Our own minimal POP3 client for the tests (STYLE.md §8): raw lines over a real loopback socket,
 * so replies are checked byte for byte, and pipelining and broken clients can be simulated.
 */
final class Pop3TestClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    final String greeting;

    private Pop3TestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.greeting = readLine();
    }

    static Pop3TestClient connect(int port) throws IOException {
        return new Pop3TestClient(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** Implicit TLS (995). */
    static Pop3TestClient connectTls(int port, SSLContext tls) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        s.startHandshake();
        return new Pop3TestClient(s);
    }

    /** Sends STLS and upgrades; returns the STLS reply line. */
    String stls(SSLContext tls) throws IOException {
        send("STLS");
        return stlsAfterRawSend(tls);
    }

    /** Reads the reply to an STLS already sent and, if +OK, does the handshake. */
    String stlsAfterRawSend(SSLContext tls) throws IOException {
        String r = readLine();
        if (r.startsWith("+OK")) {
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
            s.setUseClientMode(true);
            s.startHandshake();
            socket = s;
            in = new BufferedInputStream(s.getInputStream());
            out = s.getOutputStream();
        }
        return r;
    }

    void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a command and returns its status line. */
    String command(String line) throws IOException {
        send(line);
        return readLine();
    }

    /** Sends a command expecting a multi-line answer; returns the body lines (dot-unstuffed). */
    List<String> multiline(String line) throws IOException {
        String status = command(line);
        if (!status.startsWith("+OK")) {
            throw new AssertionError(line + " -> " + status);
        }
        return readBodyLines();
    }

    List<String> readBodyLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l = readLine(); !l.equals("."); l = readLine()) {
            lines.add(l.startsWith(".") ? l.substring(1) : l);
        }
        return lines;
    }

    /** Reads a multi-line body as raw bytes up to and including CRLF "." CRLF (still dot-stuffed). */
    byte[] readRawBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            byte[] line = readLineBytes();
            body.write(line);
            if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                return body.toByteArray();
            }
        }
    }

    /** One line including CRLF, as received. */
    byte[] readLineBytes() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed; partial line: " + line.toString(StandardCharsets.UTF_8));
            }
            line.write(b);
            if (b == '\n') {
                if (prev != '\r') {
                    throw new AssertionError("bare LF from the server: " + line.toString(StandardCharsets.UTF_8));
                }
                return line.toByteArray();
            }
            prev = b;
        }
    }

    String readLine() throws IOException {
        byte[] l = readLineBytes();
        return new String(l, 0, l.length - 2, StandardCharsets.UTF_8);
    }

    /** True if the server closed the connection (EOF) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Drops the connection without QUIT, as a crashing client or a broken network would. */
    void drop() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
