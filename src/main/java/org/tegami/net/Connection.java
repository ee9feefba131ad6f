package org.tegami.net;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.tegami.io.LineReader;

/**
 * One client connection as a protocol session sees it: buffered line input, buffered output, TLS
 * state, and a short id that ties its log lines together.
 */
public final class Connection implements AutoCloseable {

    private final String id;
    private final int localPort;
    private final InetSocketAddress remote;
    private final InetAddress localAddress;
    private Socket socket;
    private final LineReader in;
    private OutputStream out;
    private SSLSession tls;
    /** Size of the input and output buffers (IMAP uses small ones: thousands of idle sessions). */
    private final int bufferSize;

    Connection(String id, Socket socket) throws IOException {
        this(id, socket, 16 * 1024);
    }

    Connection(String id, Socket socket, int bufferSize) throws IOException {
        this.id = id;
        this.bufferSize = bufferSize;
        this.socket = socket;
        this.localPort = socket.getLocalPort();
        this.localAddress = socket.getLocalAddress();
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.in = new LineReader(socket.getInputStream(), bufferSize);
        this.out = new BufferedOutputStream(socket.getOutputStream(), bufferSize);
        if (socket instanceof SSLSocket ssl) {
            this.tls = ssl.getSession();
        }
    }

    public String id() {
        return id;
    }

    public InetAddress remoteAddress() {
        return remote.getAddress();
    }

    public int remotePort() {
        return remote.getPort();
    }

    public InetAddress localAddress() {
        return localAddress;
    }

    public int localPort() {
        return localPort;
    }

    public LineReader in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    public boolean isTls() {
        return tls != null;
    }

    /** Protocol and cipher for Received: headers, e.g. "TLSv1.3:TLS_AES_256_GCM_SHA384". */
    public String tlsDescription() {
        return tls == null ? null : tls.getProtocol() + ":" + tls.getCipherSuite();
    }

    public void write(byte[] data) throws IOException {
        out.write(data);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Read timeout for the next reads (command, data, idle). */
    public void setTimeout(Duration d) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis())));
    }

    /**
     * Upgrades to TLS (STARTTLS/STLS) after the protocol's "go ahead" reply has been flushed.
     * Buffered cleartext input is discarded (CVE-2011-0411).
     */
    public void startTls(TlsContext ctx) throws IOException {
        out.flush();
        SSLSocket ssl = ctx.wrapServer(socket);
        ssl.startHandshake();
        socket = ssl;
        in.switchTo(ssl.getInputStream());
        out = new BufferedOutputStream(ssl.getOutputStream(), bufferSize);
        tls = ssl.getSession();
    }

    /**
     * Closes the socket at once, without flushing: for a peer that stopped reading, where a flush
     * would block. A thread blocked writing to the socket gets an exception.
     */
    public void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException ignored) {
            // the peer may be gone already
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
