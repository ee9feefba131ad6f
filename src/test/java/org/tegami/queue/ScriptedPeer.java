package org.tegami.queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.tegami.io.LineReader;

/**
 * A tiny scripted SMTP server for queue tests: it answers RCPT and the end of DATA as a script
 * says (per attempt), records every connection, command and accepted message. Loopback only.
 */
final class ScriptedPeer implements AutoCloseable {

    /** What the peer answers in one transaction: null means the default 250. */
    record Script(String rcptReply, String dataReply) {}

    /** One accepted message. */
    record Received(String mailFrom, List<String> rcptCommands, String content, long at) {}

    private final ServerSocket server;
    private final Function<Integer, Script> script;
    private final List<String> ehlo;
    final List<Long> connections = Collections.synchronizedList(new ArrayList<>());
    final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private int transactions;
    /** When set, connections wait for it before the greeting (to let a queue build up). */
    volatile java.util.concurrent.CountDownLatch gate;
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
    /** The most connections open at once. */
    final java.util.concurrent.atomic.AtomicInteger maxActive = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    /**
     * @param script given the transaction number (1, 2, ...), what to answer
     * @param ehlo extension keywords to advertise (e.g. PIPELINING, DSN)
     */
    ScriptedPeer(Function<Integer, Script> script, List<String> ehlo) throws IOException {
        this(script, ehlo, "127.0.0.1");
    }

    /** @param address loopback address to listen on ("127.0.0.1" or "::1") */
    ScriptedPeer(Function<Integer, Script> script, List<String> ehlo, String address) throws IOException {
        this.script = script;
        this.ehlo = ehlo;
        this.server = new ServerSocket(0, 50, InetAddress.getByName(address));
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.add(System.currentTimeMillis());
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        try (s) {
            if (gate != null) {
                gate.await();
            }
            LineReader in = new LineReader(s.getInputStream());
            OutputStream out = s.getOutputStream();
            say(out, "220 peer.test ESMTP scripted");
            String from = null;
            List<String> rcpts = new ArrayList<>();
            Script current = null;
            String line;
            while ((line = in.readLine(2000)) != null) {
                commands.add(line);
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO") && ehlo.contains("!EHLO")) {
                    say(out, "502 5.5.1 what is EHLO"); // an RFC 821 server
                } else if (upper.startsWith("EHLO")) {
                    StringBuilder sb = new StringBuilder("250-peer.test\r\n");
                    for (String e : ehlo) {
                        sb.append("250-").append(e).append("\r\n");
                    }
                    say(out, sb.append("250 8BITMIME").toString());
                } else if (upper.startsWith("HELO")) {
                    say(out, "250 peer.test");
                } else if (upper.startsWith("MAIL")) {
                    from = line;
                    rcpts = new ArrayList<>();
                    synchronized (this) {
                        current = script.apply(++transactions);
                    }
                    say(out, "250 2.1.0 ok");
                } else if (upper.startsWith("RCPT")) {
                    String r = current.rcptReply() == null ? "250 2.1.5 ok" : current.rcptReply();
                    if (r.startsWith("2")) {
                        rcpts.add(line);
                    }
                    say(out, r);
                } else if (upper.equals("DATA")) {
                    if (rcpts.isEmpty()) {
                        say(out, "554 5.5.1 no valid recipients");
                        continue;
                    }
                    say(out, "354 go ahead");
                    ByteArrayOutputStream msg = new ByteArrayOutputStream();
                    String l;
                    while ((l = in.readLine(2000)) != null && !l.equals(".")) {
                        msg.write((l.startsWith(".") ? l.substring(1) : l).getBytes(StandardCharsets.UTF_8));
                        msg.write("\r\n".getBytes(StandardCharsets.UTF_8));
                    }
                    if (l == null) {
                        return; // the client went away in the middle of DATA: nothing was received
                    }
                    String reply = current.dataReply() == null ? "250 2.0.0 queued as X" : current.dataReply();
                    if (reply.startsWith("2")) {
                        received.add(new Received(from, List.copyOf(rcpts), msg.toString(StandardCharsets.UTF_8),
                                System.currentTimeMillis()));
                    }
                    say(out, reply);
                } else if (upper.equals("RSET") || upper.startsWith("NOOP")) {
                    say(out, "250 2.0.0 ok");
                } else if (upper.equals("QUIT")) {
                    say(out, "221 2.0.0 bye");
                    return;
                } else {
                    say(out, "502 5.5.1 not here");
                }
            }
        } catch (IOException | InterruptedException e) {
            // client went away
        } finally {
            active.decrementAndGet();
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
