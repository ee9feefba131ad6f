package org.tegami.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections on one address and port and runs each on its own virtual thread with plain
 * blocking code (DESIGN.md, net). Implicit-TLS listeners (465, 993, 995) do the handshake on that
 * thread, bounded by a timeout, before the protocol sees the connection.
 */
public final class Listener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextInt(1 << 20) << 12);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final InetSocketAddress address;
    private final ConnectionHandler handler;
    private final TlsContext implicitTls;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Input/output buffer size of each connection. */
    private final int bufferSize;
    private ServerSocket server;
    private Thread acceptor;
    private volatile boolean closed;

    public Listener(String name, InetSocketAddress address, ConnectionHandler handler, TlsContext implicitTls) {
        this(name, address, handler, implicitTls, 16 * 1024);
    }

    /**
     * @param bufferSize input and output buffer per connection: small for protocols with many
     *     long idle sessions (IMAP IDLE), which buffer their replies themselves
     */
    public Listener(String name, InetSocketAddress address, ConnectionHandler handler, TlsContext implicitTls,
            int bufferSize) {
        this.name = name;
        this.address = address;
        this.handler = handler;
        this.implicitTls = implicitTls;
        this.bufferSize = bufferSize;
    }

    public String name() {
        return name;
    }

    /** Binds the port (throws if impossible) and starts accepting. */
    public void start() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 4096);
        acceptor = Thread.ofVirtual().name(name + "-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.warn("{}: accept failed: {}", name, e.getMessage());
                continue;
            }
            open.add(s);
            Thread.ofVirtual().name(name + "-conn").start(() -> serve(s));
        }
    }

    private void serve(Socket s) {
        String id = HexFormat.of().toHexDigits(IDS.incrementAndGet()).substring(8);
        Socket sock = s;
        try {
            s.setTcpNoDelay(true);
            if (implicitTls != null) {
                s.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
                SSLSocket ssl = implicitTls.wrapServer(s);
                open.add(ssl);
                sock = ssl;
                ssl.startHandshake();
            }
            try (Connection c = new Connection(id, sock, bufferSize)) {
                handler.handle(c);
            }
        } catch (SocketException | javax.net.ssl.SSLException e) {
            LOG.debug("{} {}: connection ended: {}", name, id, e.getMessage());
        } catch (Exception e) {
            // Never let a session bug reach the client as anything but a closed connection.
            LOG.error("{} {}: session failed", name, id, e);
        } finally {
            try {
                sock.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            open.remove(s);
            open.remove(sock);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
