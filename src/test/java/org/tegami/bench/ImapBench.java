package org.tegami.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.tegami.testing.MailboxFiller;

/**
 * The IMAP benchmark client (bench/imap.sh; not a test): one scenario per run against any IMAP
 * server, printing "RESULT name value unit". Same client, same commands for Tegami and Dovecot.
 *
 * <pre>
 * ImapBench HOST PORT USER PASSWORD SCENARIO [ARGS]
 *   login-select ROUNDS | fetch-fast | fetch-envelope | search-header WORD | search-body WORD
 *   fetch-bodies N | store N | store-seq N | mix CLIENTS SECONDS | idle CONNECTIONS PID[,PID]
 * </pre>
 */
public final class ImapBench {

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private ImapBench(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        ImapBench b = new ImapBench(args[0], Integer.parseInt(args[1]), args[2], args[3]);
        String[] rest = Arrays.copyOfRange(args, 5, args.length);
        switch (args[4]) {
            case "login-select" -> b.loginSelect(Integer.parseInt(rest[0]));
            case "fetch-fast" -> b.timed("fetch-fast", "FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)");
            case "fetch-envelope" -> b.timed("fetch-envelope", "FETCH 1:* (ENVELOPE)");
            case "search-header" -> b.timed("search-header", "UID SEARCH HEADER Subject \"" + String.join(" ", rest) + "\"");
            case "search-body" -> b.timed("search-body", "UID SEARCH BODY \"" + String.join(" ", rest) + "\"");
            case "fetch-bodies" -> b.timed("fetch-bodies", "FETCH 1:" + rest[0] + " BODY.PEEK[]");
            case "store" -> b.store(Integer.parseInt(rest[0]));
            case "store-seq" -> b.storeSeq(Integer.parseInt(rest[0]));
            case "mix" -> b.mix(Integer.parseInt(rest[0]), Integer.parseInt(rest[1]));
            case "idle" -> b.idle(Integer.parseInt(rest[0]), rest.length > 1 ? rest[1] : "");
            default -> throw new IllegalArgumentException("unknown scenario " + args[4]);
        }
    }

    /** A minimal blocking IMAP client: one command at a time, literals read exactly. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        int tag;
        long bytes;

        Client(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 30_000);
            socket.setSoTimeout(600_000);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = new BufferedOutputStream(socket.getOutputStream(), 16384);
            line(); // greeting
        }

        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(128);
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.write(c);
            }
            if (c < 0 && b.size() == 0) {
                throw new IOException("connection closed");
            }
            bytes += b.size() + 1;
            String s = b.toString(StandardCharsets.ISO_8859_1);
            int n = literal(s);
            if (n >= 0) {
                in.skipNBytes(n);
                bytes += n;
                return s + "<literal>" + line();
            }
            return s;
        }

        static int literal(String s) {
            int end = s.endsWith("\r") ? s.length() - 1 : s.length();
            if (end == 0 || s.charAt(end - 1) != '}') {
                return -1;
            }
            int open = s.lastIndexOf('{', end);
            try {
                return open < 0 ? -1 : Integer.parseInt(s.substring(open + 1, end - 1).replace("+", ""));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** Runs a command; returns the untagged line count; throws unless OK. */
        int run(String command) throws IOException {
            String t = "b" + (++tag);
            out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            int n = 0;
            while (true) {
                String l = line();
                if (l.startsWith(t + " ")) {
                    if (!l.startsWith(t + " OK")) {
                        throw new IOException(command + ": " + l);
                    }
                    return n;
                }
                n++;
            }
        }

        void login(String user, String password) throws IOException {
            run("LOGIN \"" + user + "\" \"" + password + "\"");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private Client selected() throws IOException {
        Client c = new Client(host, port);
        c.login(user, password);
        c.run("SELECT INBOX");
        return c;
    }

    private static void result(String name, double value, String unit) {
        System.out.printf(java.util.Locale.ROOT, "RESULT %s %.2f %s%n", name, value, unit);
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    void loginSelect(int rounds) throws IOException {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            try (Client c = new Client(host, port)) {
                c.login(user, password);
                c.run("SELECT INBOX");
                times.add(ms(t0));
                c.run("LOGOUT");
            }
        }
        result("login-select", median(times), "ms");
    }

    /** One command on a selected session, three times, median. */
    void timed(String name, String command) throws IOException {
        try (Client c = selected()) {
            List<Double> times = new ArrayList<>();
            int lines = 0;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                lines = c.run(command);
                times.add(ms(t0));
            }
            result(name, median(times), "ms");
            System.out.println("INFO " + name + " untagged=" + lines);
        }
    }

    void store(int n) throws IOException {
        try (Client c = selected()) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                c.run("STORE 1:" + n + " +FLAGS.SILENT (\\Flagged)");
                times.add(ms(t0));
                t0 = System.nanoTime();
                c.run("STORE 1:" + n + " -FLAGS.SILENT (\\Flagged)");
                times.add(ms(t0));
            }
            result("store", median(times), "ms");
        }
    }

    void storeSeq(int n) throws IOException {
        try (Client c = selected()) {
            long t0 = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                c.run("STORE " + i + " " + (i % 2 == 0 ? "+" : "-") + "FLAGS.SILENT (\\Answered)");
            }
            result("store-seq", n / (ms(t0) / 1000), "ops/s");
        }
    }

    /** CLIENTS sessions doing small operations for SECONDS; ops/s over all, and the p99 latency. */
    void mix(int clients, int seconds) throws Exception {
        int exists;
        try (Client c = new Client(host, port)) {
            c.login(user, password);
            exists = messages(c);
        }
        LongAdder ops = new LongAdder();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch ready = new CountDownLatch(clients);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            int seed = k;
            fs.add(pool.submit(() -> {
                Random r = new Random(seed);
                try (Client c = selected()) {
                    ready.countDown();
                    ready.await();
                    while (System.nanoTime() < end) {
                        int m = 1 + r.nextInt(exists);
                        long t0 = System.nanoTime();
                        switch (r.nextInt(6)) {
                            case 0 -> c.run("FETCH " + m + " (UID FLAGS RFC822.SIZE)");
                            case 1 -> c.run("FETCH " + m + " (BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)])");
                            case 2 -> c.run("STORE " + m + " " + (r.nextBoolean() ? "+" : "-") + "FLAGS.SILENT (\\Seen)");
                            case 3 -> c.run("FETCH " + m + " BODY.PEEK[]");
                            case 4 -> c.run("NOOP");
                            default -> c.run("STATUS INBOX (MESSAGES UNSEEN)");
                        }
                        latencies.add(System.nanoTime() - t0);
                        ops.increment();
                    }
                }
                return null;
            }));
        }
        for (var f : fs) {
            f.get();
        }
        pool.shutdown();
        result("mix", ops.sum() / (double) seconds, "ops/s");
        List<Long> l = new ArrayList<>(latencies);
        l.sort(null);
        result("mix-p99", l.get((int) (l.size() * 0.99)) / 1e6, "ms");
    }

    private static int messages(Client c) throws IOException {
        String t = "s" + (++c.tag);
        c.out.write((t + " STATUS INBOX (MESSAGES)\r\n").getBytes(StandardCharsets.US_ASCII));
        c.out.flush();
        int n = 0;
        while (true) {
            String l = c.line();
            if (l.startsWith("* STATUS")) {
                n = Integer.parseInt(l.replaceAll(".*MESSAGES (\\d+).*", "$1").strip());
            }
            if (l.startsWith(t + " ")) {
                return n;
            }
        }
    }

    /**
     * CONNECTIONS sessions in IDLE; then one APPEND from another session, and the time until every
     * idling session has seen the new message; the resident memory of the server processes (PIDs
     * and their children) while they idle.
     */
    void idle(int connections, String pids) throws Exception {
        List<Client> clients = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Semaphore parallel = new Semaphore(64);
        CountDownLatch idling = new CountDownLatch(connections);
        CountDownLatch pushed = new CountDownLatch(connections);
        AtomicLong lastPush = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long setup0 = System.nanoTime();
        int[] exists = new int[1];
        try (Client c = new Client(host, port)) {
            c.login(user, password);
            exists[0] = messages(c);
        }
        for (int i = 0; i < connections; i++) {
            pool.submit(() -> {
                Client c;
                try {
                    parallel.acquire();
                    try {
                        c = selected();
                        c.out.write("i IDLE\r\n".getBytes(StandardCharsets.US_ASCII));
                        c.out.flush();
                        String l = c.line();
                        if (!l.startsWith("+")) {
                            throw new IOException("IDLE refused: " + l);
                        }
                    } finally {
                        parallel.release();
                    }
                    clients.add(c);
                } catch (Exception e) {
                    failures.incrementAndGet();
                    idling.countDown();
                    pushed.countDown();
                    return null;
                }
                idling.countDown();
                String want = "* " + (exists[0] + 1) + " EXISTS";
                while (true) {
                    String l = c.line();
                    if (l.strip().equals(want)) {
                        lastPush.accumulateAndGet(System.nanoTime(), Math::max);
                        pushed.countDown();
                        return null;
                    }
                }
            });
        }
        idling.await();
        result("idle-setup", ms(setup0) / 1000, "s");
        result("idle-connections", connections - failures.get(), "sessions");
        Thread.sleep(3000); // settle, then measure memory
        result("idle-pss", rss(pids, "Pss:") / 1024.0 / 1024.0, "MiB");
        result("idle-rss", rss(pids, "VmRSS:") / 1024.0 / 1024.0, "MiB");
        long t0 = System.nanoTime();
        try (Client c = new Client(host, port)) {
            c.login(user, password);
            byte[] m = MailboxFiller.message(999_999, 2000);
            String t = "a" + (++c.tag);
            c.out.write((t + " APPEND INBOX {" + m.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            c.line();
            c.out.write(m);
            c.out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            while (!c.line().startsWith(t + " ")) {
                // wait for the tagged reply
            }
        }
        boolean all = pushed.await(120, java.util.concurrent.TimeUnit.SECONDS);
        result("idle-push-all", (lastPush.get() - t0) / 1e6, "ms");
        System.out.println("INFO pushed to all: " + all + ", failures: " + failures.get());
        for (Client c : clients) {
            c.close();
        }
        pool.shutdownNow();
    }

    /**
     * Memory (bytes) of the processes and all their descendants: "VmRSS:" (resident set, counts
     * shared pages in every process) or "Pss:" (proportional set size, shared pages divided).
     */
    static long rss(String pids, String field) throws IOException {
        if (pids.isEmpty()) {
            return 0;
        }
        List<Long> roots = new ArrayList<>();
        for (String p : pids.split(",")) {
            roots.add(Long.parseLong(p.strip()));
        }
        java.util.Map<Long, Long> parent = new java.util.HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    parent.put(Long.parseLong(name), Long.parseLong(f[1]));
                } catch (IOException e) {
                    // gone
                }
            }
        }
        long total = 0;
        for (long pid : parent.keySet()) {
            long p = pid;
            boolean inTree = false;
            for (int depth = 0; depth < 20 && p > 1; depth++) {
                if (roots.contains(p)) {
                    inTree = true;
                    break;
                }
                p = parent.getOrDefault(p, 0L);
            }
            if (inTree) {
                try {
                    String file = field.equals("Pss:") ? "smaps_rollup" : "status";
                    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                        if (line.startsWith(field)) {
                            total += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                        }
                    }
                } catch (IOException e) {
                    // gone
                }
            }
        }
        return total;
    }
}
