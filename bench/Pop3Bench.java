import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POP3 load client for bench/pop3.sh (plain Java, no dependencies; not part of the test suite).
 * Behaves like fetchmail: one command, wait for the whole answer, next command.
 *
 * <pre>
 * java bench/Pop3Bench.java retr PORT USER PASSWORD
 *     one session: USER/PASS, STAT, RETR 1..n, QUIT
 * java bench/Pop3Bench.java sessions PORT PASSWORD CLIENTS ROUNDS
 *     CLIENTS concurrent clients, client i on account cNN@bench.test, each doing ROUNDS sessions of
 *     USER/PASS, STAT, UIDL, RETR 1..n, QUIT
 * java bench/Pop3Bench.java warm PORT PASSWORD CLIENTS   (STAT/UIDL of every account, not measured)
 * </pre>
 * Prints one line: "result messages=M octets=B seconds=S msgs_per_s=R".
 */
public class Pop3Bench {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "retr" -> {
                long t0 = System.nanoTime();
                long[] r = session(port, args[2], args[3], false);
                report(r[0], r[1], System.nanoTime() - t0);
            }
            case "sessions" -> {
                String password = args[2];
                int clients = Integer.parseInt(args[3]);
                int rounds = Integer.parseInt(args[4]);
                AtomicLong messages = new AtomicLong();
                AtomicLong octets = new AtomicLong();
                long t0 = System.nanoTime();
                try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                    List<Future<?>> fs = new ArrayList<>();
                    for (int c = 0; c < clients; c++) {
                        String user = String.format("c%02d@bench.test", c);
                        fs.add(pool.submit(() -> {
                            for (int k = 0; k < rounds; k++) {
                                long[] r = session(port, user, password, true);
                                messages.addAndGet(r[0]);
                                octets.addAndGet(r[1]);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : fs) {
                        f.get();
                    }
                }
                report(messages.get(), octets.get(), System.nanoTime() - t0);
            }
            case "warm" -> {
                for (int c = 0; c < Integer.parseInt(args[3]); c++) {
                    warm(port, String.format("c%02d@bench.test", c), args[2]);
                }
                warm(port, "bench@bench.test", args[2]);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void report(long messages, long octets, long nanos) {
        double s = nanos / 1e9;
        System.out.printf("result messages=%d octets=%d seconds=%.3f msgs_per_s=%.0f%n", messages, octets, s, messages / s);
    }

    /** One session; returns {messages retrieved, octets received}. */
    static long[] session(int port, String user, String password, boolean uidl) throws IOException {
        try (Conn c = new Conn(port)) {
            c.ok(c.line());
            c.ok(c.cmd("USER " + user));
            c.ok(c.cmd("PASS " + password));
            String stat = c.cmd("STAT");
            c.ok(stat);
            int n = Integer.parseInt(stat.split(" ")[1]);
            if (uidl) {
                c.ok(c.cmd("UIDL"));
                if (c.body() != n) {
                    throw new IOException("UIDL listing does not have " + n + " lines");
                }
            }
            long octets = 0;
            for (int i = 1; i <= n; i++) {
                c.ok(c.cmd("RETR " + i));
                octets += c.bodyOctets();
            }
            c.ok(c.cmd("QUIT"));
            return new long[] {n, octets};
        }
    }

    static void warm(int port, String user, String password) throws IOException {
        try (Conn c = new Conn(port)) {
            c.ok(c.line());
            c.ok(c.cmd("USER " + user));
            c.ok(c.cmd("PASS " + password));
            c.ok(c.cmd("STAT"));
            c.ok(c.cmd("UIDL"));
            c.body();
            c.ok(c.cmd("LIST"));
            c.body();
            c.ok(c.cmd("QUIT"));
        }
    }

    static final class Conn implements AutoCloseable {
        final Socket s;
        final InputStream in;
        final OutputStream out;
        final byte[] line = new byte[8192];
        int len;
        /** Octets of the last line as received (len is capped by the line buffer). */
        int realLen;
        /** Our own receive buffer: no per-byte stream calls, so the client costs little. */
        final byte[] buf = new byte[64 * 1024];
        int pos;
        int lim;

        Conn(int port) throws IOException {
            s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setTcpNoDelay(true);
            s.setSoTimeout(120_000);
            in = s.getInputStream();
            out = new BufferedOutputStream(s.getOutputStream());
        }

        String cmd(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return line();
        }

        void ok(String reply) throws IOException {
            if (!reply.startsWith("+OK")) {
                throw new IOException("server said: " + reply);
            }
        }

        /** Reads one line into the buffer; returns it as text (status lines). */
        String line() throws IOException {
            readLine();
            return new String(line, 0, Math.max(0, len - 2), StandardCharsets.US_ASCII);
        }

        private void readLine() throws IOException {
            len = 0;
            realLen = 0;
            while (true) {
                if (pos == lim) {
                    lim = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (lim <= 0) {
                        lim = 0;
                        throw new IOException("connection closed");
                    }
                }
                int start = pos;
                while (pos < lim && buf[pos] != '\n') {
                    pos++;
                }
                boolean end = pos < lim;
                if (end) {
                    pos++;
                }
                realLen += pos - start;
                int n = Math.min(pos - start, line.length - len);
                System.arraycopy(buf, start, line, len, n);
                len += n;
                if (end) {
                    return;
                }
            }
        }

        /** Reads a multi-line body; returns its number of lines. */
        int body() throws IOException {
            int lines = 0;
            while (true) {
                readLine();
                if (len == 3 && line[0] == '.') {
                    return lines;
                }
                lines++;
            }
        }

        /** Reads a multi-line body; returns its octets (as received, dot-stuffing included). */
        long bodyOctets() throws IOException {
            long octets = 0;
            while (true) {
                readLine();
                if (len == 3 && line[0] == '.') {
                    return octets;
                }
                octets += realLen;
            }
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }
}
