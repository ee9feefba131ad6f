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
    /** The read timeout last set, restored between deadline checks. */
    private int idleTimeoutMillis;
    /** System.nanoTime() by which the current read must be complete; 0 = none. */
    private volatile long deadlineNanos;
    /** Run once when the connection closes (release of connection-limit permits). */
    private final java.util.List<Runnable> onClose = new java.util.ArrayList<>(1);
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
        this.in = new LineReader(new DeadlineInputStream(socket.getInputStream()), bufferSize);
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

    /** Read timeout for the next reads (command, data, idle): the longest silence allowed. */
    public void setTimeout(Duration d) throws IOException {
        idleTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
        socket.setSoTimeout(idleTimeoutMillis);
    }

    /**
     * A bound on the total time of the next reads, however the bytes trickle in: a client sending
     * one byte every few seconds (slowloris) still hits it. Cleared by {@link #clearDeadline}.
     */
    public void setDeadline(Duration d) {
        deadlineNanos = System.nanoTime() + d.toNanos();
    }

    public void clearDeadline() {
        deadlineNanos = 0;
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
        in.switchTo(new DeadlineInputStream(ssl.getInputStream()));
        out = new BufferedOutputStream(ssl.getOutputStream(), bufferSize);
        tls = ssl.getSession();
    }

    /** Registers something to run when the connection closes. */
    public void onClose(Runnable r) {
        onClose.add(r);
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
        for (Runnable r : onClose) {
            r.run();
        }
        onClose.clear();
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

    /** Enforces {@link #setDeadline} on every read by shortening the socket timeout. */
    private final class DeadlineInputStream extends java.io.FilterInputStream {
        DeadlineInputStream(java.io.InputStream in) {
            super(in);
        }

        private void check() throws IOException {
            long deadline = deadlineNanos;
            if (deadline == 0) {
                return;
            }
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                throw new java.net.SocketTimeoutException("deadline passed");
            }
            int t = idleTimeoutMillis > 0 ? (int) Math.min(idleTimeoutMillis, remaining) : (int) Math.min(Integer.MAX_VALUE, remaining);
            socket.setSoTimeout(Math.max(1, t));
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return super.read(b, off, len);
        }
    }
}
