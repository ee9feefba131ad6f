import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * SMTP load client for the benchmarks (plain or STARTTLS), run as a single source file:
 *   java bench/SmtpLoad.java HOST PORT SESSIONS MESSAGES SIZE [starttls] [reuse]
 * Each session sends its share of MESSAGES of SIZE bytes, opening a new connection per message
 * unless "reuse". Prints: messages, seconds, msg/s, p50 ms, p99 ms, failures.
 */
public class SmtpLoad {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int sessions = Integer.parseInt(args[2]);
        int messages = Integer.parseInt(args[3]);
        int size = Integer.parseInt(args[4]);
        boolean starttls = List.of(args).contains("starttls");
        boolean reuse = List.of(args).contains("reuse");
        String to = System.getProperty("to", "sink@bench.test");
        byte[] body = body(size);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        SSLContext tls = trustAll();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            threads.add(Thread.ofPlatform().start(() -> {
                Conn c = null;
                while (next.getAndIncrement() < messages) {
                    long t0 = System.nanoTime();
                    try {
                        if (c == null) {
                            c = new Conn(host, port, starttls, tls);
                        }
                        c.send(to, body);
                        if (!reuse) {
                            c.quit();
                            c = null;
                        }
                        latencies.add(System.nanoTime() - t0);
                    } catch (IOException e) {
                        failures.incrementAndGet();
                        c = null;
                    }
                }
                if (c != null) {
                    try {
                        c.quit();
                    } catch (IOException ignored) {
                        // done
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        List<Long> l = new ArrayList<>(latencies);
        Collections.sort(l);
        double p50 = l.isEmpty() ? 0 : l.get(l.size() / 2) / 1e6;
        double p99 = l.isEmpty() ? 0 : l.get(Math.min(l.size() - 1, (int) (l.size() * 0.99))) / 1e6;
        System.out.printf("%d %.3f %.0f %.1f %.1f %d%n", l.size(), secs, l.size() / secs, p50, p99, failures.get());
    }

    static byte[] body(int size) {
        StringBuilder sb = new StringBuilder("From: load@remote.test\r\nTo: sink@bench.test\r\nSubject: load\r\n\r\n");
        String line = "The quick brown fox jumps over the lazy dog, again and again and again.\r\n";
        while (sb.length() < size) {
            sb.append(line);
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static final class Conn {
        Socket socket;
        BufferedReader in;
        OutputStream out;

        Conn(String host, int port, boolean starttls, SSLContext tls) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            streams();
            expect("220");
            cmd("EHLO load.test", "250");
            if (starttls) {
                cmd("STARTTLS", "220");
                SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
                s.startHandshake();
                socket = s;
                streams();
                cmd("EHLO load.test", "250");
            }
        }

        void streams() throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        void send(String to, byte[] body) throws IOException {
            // PIPELINING: MAIL, RCPT, DATA in one write (RFC 2920)
            out.write(("MAIL FROM:<load@remote.test>\r\nRCPT TO:<" + to + ">\r\nDATA\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect("250");
            expect("250");
            expect("354");
            out.write(body);
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect("250");
        }

        void quit() throws IOException {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.close();
        }

        void cmd(String line, String code) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(code);
        }

        void expect(String code) throws IOException {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("closed");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(code)) {
                throw new IOException("expected " + code + ", got " + line);
            }
        }
    }

    static SSLContext trustAll() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}

            public void checkServerTrusted(X509Certificate[] c, String a) {}

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return ctx;
    }
}
