package org.tegami.smtpclient;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.tegami.dsn.DsnParams;
import org.tegami.io.DotStuffingOutputStream;
import org.tegami.io.LineReader;
import org.tegami.sasl.SaslClient;
import org.tegami.smtp.Reply;
import org.tegami.smtp.ReplyParser;

/**
 * An outbound SMTP session (RFC 5321) on the shared {@code smtp} codec: greeting, EHLO with HELO
 * fallback, STARTTLS (RFC 3207, opportunistic or required), AUTH (RFC 4954) for smarthosts, then
 * any number of transactions on the same connection with PIPELINING (RFC 2920), SIZE (RFC 1870),
 * 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531) and DSN (RFC 3461) parameters. Blocking I/O with a
 * timeout on every read (RFC 5321 §4.5.3.2).
 */
public final class SmtpClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientOptions options;
    private final String peer;
    private Socket socket;
    private LineReader in;
    private OutputStream out;
    /** EHLO keywords (upper case) with their parameters. */
    private Map<String, String> extensions = Map.of();
    private boolean esmtp;
    private boolean tls;
    private String tlsDescription;
    private boolean broken;

    private SmtpClient(ClientOptions options, String peer) {
        this.options = options;
        this.peer = peer;
    }

    /**
     * Connects and runs the session setup: greeting, EHLO/HELO, STARTTLS per policy, AUTH when
     * credentials are given. On return the client is ready for {@link #send}.
     */
    public static SmtpClient connect(InetSocketAddress remote, ClientOptions options) throws SmtpClientException {
        SmtpClient c = new SmtpClient(options, remote.getAddress().getHostAddress() + ":" + remote.getPort());
        try {
            c.open(remote);
            c.setup();
            return c;
        } catch (SmtpClientException e) {
            c.close();
            throw e;
        } catch (SocketTimeoutException e) {
            c.close();
            throw SmtpClientException.transientError("timeout talking to " + c.peer);
        } catch (IOException e) {
            c.close();
            throw SmtpClientException.transientError("connection to " + c.peer + " failed: " + e.getMessage());
        }
    }

    private void open(InetSocketAddress remote) throws IOException, SmtpClientException {
        Socket s = new Socket();
        socket = s;
        if (options.bindAddress() != null) {
            s.bind(new InetSocketAddress(options.bindAddress(), 0));
        }
        s.setTcpNoDelay(true);
        s.connect(remote, (int) options.connectTimeout().toMillis());
        if (reachedItself(s)) {
            throw SmtpClientException.transientError("connection to " + peer + " reached itself (nothing listens there)");
        }
        s.setSoTimeout((int) options.commandTimeout().toMillis());
        if (options.tls() == ClientOptions.TlsMode.IMPLICIT) {
            handshake(remote.getPort());
        } else {
            in = new LineReader(s.getInputStream());
            out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
        }
    }

    /**
     * TCP simultaneous open with itself: connecting to a local port nobody listens on, in the
     * ephemeral range, can pick that very port as the source and "connect" the socket to itself;
     * it would then wait for a greeting that never comes, holding the port the real server needs.
     * Found by bench/outbound.sh (its sink was down while deliveries were retried).
     */
    static boolean reachedItself(Socket s) {
        return s.getLocalSocketAddress().equals(s.getRemoteSocketAddress());
    }

    private void handshake(int port) throws IOException, SmtpClientException {
        SSLSocket ssl;
        try {
            ssl = ClientTls.wrap(socket, options.tlsServerName(), port, options.verifyCertificate());
            ssl.startHandshake();
        } catch (IOException e) {
            broken = true;
            throw new SmtpClientException("TLS handshake with " + peer + " failed: " + e.getMessage(), null, false, true);
        }
        socket = ssl;
        tls = true;
        tlsDescription = ssl.getSession().getProtocol() + ":" + ssl.getSession().getCipherSuite();
        in = new LineReader(ssl.getInputStream());
        out = new BufferedOutputStream(ssl.getOutputStream(), 16 * 1024);
    }

    private void setup() throws IOException, SmtpClientException {
        // RFC 5321 §4.5.3.2.1: 5 minutes for the greeting; we use the command timeout.
        Reply greeting = read();
        if (greeting.code() != 220) {
            quietQuit();
            throw SmtpClientException.fromReply("greeting", greeting);
        }
        hello();
        boolean wantTls = options.tls() == ClientOptions.TlsMode.REQUIRED
                || (options.tls() == ClientOptions.TlsMode.OPPORTUNISTIC && extensions.containsKey("STARTTLS"));
        if (wantTls && !tls) {
            if (!extensions.containsKey("STARTTLS")) {
                quietQuit();
                throw new SmtpClientException(peer + " does not offer STARTTLS, which policy requires", null, false, true);
            }
            Reply r = command("STARTTLS");
            if (r.code() != 220) {
                quietQuit();
                throw new SmtpClientException("STARTTLS refused: " + r, r, false, true);
            }
            handshake(socket.getPort());
            // RFC 3207 §4.2: discard what we knew and say EHLO again.
            extensions = Map.of();
            hello();
        }
        if (options.username() != null) {
            authenticate();
        }
    }

    private void hello() throws IOException, SmtpClientException {
        Reply r = command("EHLO " + options.heloName());
        if (r.code() == 250) {
            esmtp = true;
            Map<String, String> ext = new LinkedHashMap<>();
            for (int i = 1; i < r.lines().size(); i++) {
                String line = r.lines().get(i).strip();
                int sp = line.indexOf(' ');
                String key = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
                ext.put(key, sp < 0 ? "" : line.substring(sp + 1).strip());
            }
            extensions = ext;
            return;
        }
        if (r.code() >= 500 && r.code() <= 504 || r.code() == 550) {
            // RFC 5321 §3.2: an old server that does not know EHLO; fall back to HELO.
            Reply h = command("HELO " + options.heloName());
            if (h.code() == 250) {
                esmtp = false;
                extensions = Map.of();
                return;
            }
            r = h;
        }
        quietQuit();
        throw SmtpClientException.fromReply("EHLO", r);
    }

    private void authenticate() throws IOException, SmtpClientException {
        if (!tls) {
            // Never send a password in clear text (RFC 4954 §4, RFC 8314).
            throw new SmtpClientException("refusing to AUTH to " + peer + " without TLS", null, false, true);
        }
        List<String> offered = List.of(extensions.getOrDefault("AUTH", "").split("\\s+"));
        SaslClient sasl = SaslClient.choose(offered, options.username(), options.password(), RANDOM);
        if (sasl == null) {
            quietQuit();
            throw new SmtpClientException(peer + " offers no AUTH mechanism we know (" + String.join(" ", offered) + ")",
                    null, true, false);
        }
        byte[] initial = sasl.initialResponse();
        String cmd = "AUTH " + sasl.mechanism()
                + (initial == null ? "" : " " + (initial.length == 0 ? "=" : Base64.getEncoder().encodeToString(initial)));
        Reply r = command(cmd);
        try {
            while (r.code() == 334) {
                byte[] challenge = Base64.getDecoder().decode(r.text().strip());
                byte[] response = sasl.evaluate(challenge);
                r = command(Base64.getEncoder().encodeToString(response));
            }
        } catch (IllegalArgumentException | SaslClient.SaslClientException e) {
            writeLine("*");
            out.flush();
            quietQuit();
            throw new SmtpClientException("AUTH " + sasl.mechanism() + " with " + peer + " failed: " + e.getMessage(),
                    null, false, false);
        }
        if (r.code() != 235) {
            quietQuit();
            throw SmtpClientException.fromReply("AUTH " + sasl.mechanism(), r);
        }
        if (!sasl.serverVerified()) {
            // RFC 5802 §5: a SCRAM server proves it knows the keys; one that skips the proof is not trusted.
            quietQuit();
            throw new SmtpClientException("AUTH " + sasl.mechanism() + ": " + peer + " did not prove its identity",
                    null, false, false);
        }
    }

    /** The result of one transaction: for each recipient (in order) the reply that decides its fate. */
    public record Result(List<Reply> perRecipient) {}

    /**
     * Sends one message. Never throws for SMTP-level refusals: those are in the result. Throws
     * IOException when the connection breaks (then the outcome of the transaction is unknown
     * unless the final reply was read — callers treat it as "not delivered, retry").
     */
    public Result send(OutboundMessage m) throws IOException {
        int n = m.recipients().size();
        long size = m.content().length;
        if (extensions.containsKey("SIZE")) {
            long max = parseLong(extensions.get("SIZE"));
            if (max > 0 && size > max) {
                return all(n, new Reply(552, "5.3.4", "message size " + size + " exceeds the limit of " + max + " at " + peer));
            }
        }
        if (m.smtpUtf8() && !extensions.containsKey("SMTPUTF8")) {
            // RFC 6531 §3.4: cannot downgrade addresses; a permanent failure.
            return all(n, new Reply(553, "5.6.7", peer + " does not support SMTPUTF8, which this message needs"));
        }
        boolean dsn = extensions.containsKey("DSN");
        StringBuilder mail = new StringBuilder("MAIL FROM:<").append(m.sender()).append('>');
        if (extensions.containsKey("SIZE")) {
            mail.append(" SIZE=").append(size);
        }
        if (m.eightBit() && extensions.containsKey("8BITMIME")) {
            mail.append(" BODY=8BITMIME");
        }
        if (m.smtpUtf8()) {
            mail.append(" SMTPUTF8");
        }
        if (dsn && m.ret() != null) {
            mail.append(" RET=").append(m.ret());
        }
        if (dsn && m.envid() != null) {
            mail.append(" ENVID=").append(DsnParams.encodeXtext(m.envid()));
        }
        List<String> rcpts = new ArrayList<>();
        for (OutboundMessage.Rcpt r : m.recipients()) {
            StringBuilder sb = new StringBuilder("RCPT TO:<").append(r.address()).append('>');
            if (dsn && r.notifyParam() != null) {
                sb.append(" NOTIFY=").append(r.notifyParam());
            }
            if (dsn && r.orcpt() != null) {
                sb.append(" ORCPT=").append(r.orcpt());
            }
            rcpts.add(sb.toString());
        }
        return extensions.containsKey("PIPELINING") ? pipelined(mail.toString(), rcpts, m) : lockStep(mail.toString(), rcpts, m);
    }

    /** RFC 2920 §3.1: MAIL, RCPTs and DATA in one write, then the replies in order. */
    private Result pipelined(String mail, List<String> rcpts, OutboundMessage m) throws IOException {
        writeLine(mail);
        for (String r : rcpts) {
            writeLine(r);
        }
        writeLine("DATA");
        out.flush();
        Reply mailReply = read();
        List<Reply> rcptReplies = new ArrayList<>();
        for (int i = 0; i < rcpts.size(); i++) {
            rcptReplies.add(read());
        }
        Reply data = read();
        if (!mailReply.isPositive()) {
            if (data.code() == 354) {
                abortData();
            }
            return all(rcpts.size(), mailReply);
        }
        boolean anyOk = rcptReplies.stream().anyMatch(Reply::isPositive);
        if (data.code() != 354) {
            return finish(rcptReplies, anyOk ? data : null);
        }
        if (!anyOk) {
            // RFC 2920 §3.1: a server that says 354 with no valid recipient gets an empty message refused by us.
            abortData();
            return finish(rcptReplies, null);
        }
        return finish(rcptReplies, sendData(m.content()));
    }

    private Result lockStep(String mail, List<String> rcpts, OutboundMessage m) throws IOException {
        Reply mailReply = command(mail);
        if (!mailReply.isPositive()) {
            return all(rcpts.size(), mailReply);
        }
        List<Reply> rcptReplies = new ArrayList<>();
        for (String r : rcpts) {
            rcptReplies.add(command(r));
        }
        if (rcptReplies.stream().noneMatch(Reply::isPositive)) {
            command("RSET");
            return finish(rcptReplies, null);
        }
        Reply data = command("DATA");
        if (data.code() != 354) {
            return finish(rcptReplies, data);
        }
        return finish(rcptReplies, sendData(m.content()));
    }

    /** Sends the content dot-stuffed (RFC 5321 §4.5.2) and reads the final reply. */
    private Reply sendData(byte[] content) throws IOException {
        socket.setSoTimeout((int) options.dataTimeout().toMillis());
        DotStuffingOutputStream ds = new DotStuffingOutputStream(out);
        ds.write(content);
        ds.finish();
        out.flush();
        // RFC 5321 §4.5.3.2.6: wait up to 10 minutes for the reply to the final dot.
        Reply r = read();
        socket.setSoTimeout((int) options.commandTimeout().toMillis());
        return r;
    }

    /**
     * After a 354 we do not want (no valid recipient): ending the data now would deliver an empty
     * message, and RSET is not possible inside DATA, so the connection is dropped; the server
     * discards the unfinished transaction (RFC 5321 §3.3). The replies already read stand.
     */
    private void abortData() {
        broken = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static Result finish(List<Reply> rcptReplies, Reply data) {
        List<Reply> out = new ArrayList<>();
        for (Reply r : rcptReplies) {
            out.add(r.isPositive() && data != null ? data : r);
        }
        return new Result(out);
    }

    private static Result all(int n, Reply r) {
        List<Reply> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r);
        }
        return new Result(out);
    }

    /** False after a broken connection: open a new one. */
    public boolean usable() {
        return !broken && socket != null && !socket.isClosed();
    }

    public boolean isTls() {
        return tls;
    }

    /** "TLSv1.3:TLS_AES_128_GCM_SHA256", or null. */
    public String tlsDescription() {
        return tlsDescription;
    }

    public boolean supports(String extension) {
        return extensions.containsKey(extension.toUpperCase(Locale.ROOT));
    }

    public boolean esmtp() {
        return esmtp;
    }

    public String peer() {
        return peer;
    }

    private Reply command(String line) throws IOException {
        writeLine(line);
        out.flush();
        return read();
    }

    private void writeLine(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private Reply read() throws IOException {
        try {
            return ReplyParser.read(in);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    private void quietQuit() {
        try {
            if (!broken && out != null) {
                writeLine("QUIT");
                out.flush();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** QUIT (RFC 5321 §4.1.1.10) and close. */
    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            if (!broken && out != null && !socket.isClosed()) {
                socket.setSoTimeout((int) Math.min(options.commandTimeout().toMillis(), Duration.ofSeconds(10).toMillis()));
                writeLine("QUIT");
                out.flush();
                ReplyParser.read(in);
            }
        } catch (IOException ignored) {
            // the server may close first
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        broken = true;
    }

    private static long parseLong(String s) {
        try {
            return s == null || s.isBlank() ? 0 : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
