import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;
import org.tegami.store.BlobStore;
import org.tegami.store.ContentIndex;
import org.tegami.store.Delivery;
import org.tegami.store.Mailbox;
import org.tegami.store.sqlite.SqliteStore;

/**
 * Benchmark data, identical for both servers: the same ~5 KB messages put straight into Tegami's
 * store (through the store API, durable like an SMTP delivery) and written as Maildir files for
 * Dovecot (LF line ends, as Maildir keeps them; Dovecot sends CRLF).
 *
 * <p>Accounts: bench@bench.test with BIG messages (the one-session RETR run) and c00..c49 with
 * SMALL messages each (the 50-session run). Not part of the test suite; run by bench/pop3.sh:
 * {@code java -cp target/tegami.jar bench/Pop3Populate.java DATA MAILDIRS PASSWORD BIG SMALL}.
 */
public class Pop3Populate {

    static final int CLIENTS = 50;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path maildirs = Path.of(args[1]);
        String password = args[2];
        int big = Integer.parseInt(args[3]);
        int small = Integer.parseInt(args[4]);
        long t0 = System.nanoTime();
        try (SqliteStore store = new SqliteStore(data)) {
            Admin admin = new Admin(store, TegamiConfig.defaults());
            admin.addDomain("bench.test");
            List<String> accounts = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            accounts.add("bench@bench.test");
            counts.add(big);
            for (int c = 0; c < CLIENTS; c++) {
                accounts.add(String.format("c%02d@bench.test", c));
                counts.add(small);
            }
            Semaphore inFlight = new Semaphore(64);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> all = new ArrayList<>();
                for (int a = 0; a < accounts.size(); a++) {
                    String address = accounts.get(a);
                    admin.addUser(address, null, password, false);
                    long inbox = store.mail().mailbox(store.directory().account(address).orElseThrow().id(),
                            Mailbox.INBOX).orElseThrow().id();
                    Path maildir = maildirs.resolve(address).resolve("Maildir");
                    for (String sub : List.of("cur", "new", "tmp")) {
                        Files.createDirectories(maildir.resolve(sub));
                    }
                    for (int i = 1; i <= counts.get(a); i++) {
                        int n = i;
                        inFlight.acquire();
                        // Delivered concurrently so the store's group commit batches the fsyncs.
                        all.add(pool.submit(() -> {
                            try {
                                byte[] crlf = message(address, n);
                                deliver(store, inbox, crlf);
                                writeMaildir(maildir, n, crlf);
                            } finally {
                                inFlight.release();
                            }
                            return null;
                        }));
                    }
                }
                for (Future<?> f : all) {
                    f.get();
                }
            }
        }
        System.out.printf("populated %d + %d x %d messages in %.1f s%n", big, CLIENTS, small,
                (System.nanoTime() - t0) / 1e9);
    }

    static void deliver(SqliteStore store, long inbox, byte[] message) throws IOException {
        ParsedMessage p = MimeParser.parse(ByteBuffer.wrap(message), MimeLimits.DEFAULT);
        byte[] structure = StructureCodec.encode(p.root(), p.envelope());
        // With its search index, as LocalDeliveryStage stores it: without one, the server's
        // background indexer would re-parse every message while the benchmark runs, and its CPU
        // would be counted against RETR.
        ContentIndex index = ContentIndex.of(ByteBuffer.wrap(message), p);
        store.blobs().referenceLock().lock();
        try {
            // As local delivery stores it: messages up to 128 KiB inside the database (ADR 0002).
            BlobStore.Blob blob = store.blobs().prepare(message);
            store.mail().deliver(new Delivery(blob, structure, List.of(inbox), 0, "", System.currentTimeMillis(), 0, index));
        } finally {
            store.blobs().referenceLock().unlock();
        }
    }

    /** Maildir file as Dovecot's own delivery names it: S= physical size, W= size with CRLF. */
    static void writeMaildir(Path maildir, int n, byte[] crlf) throws IOException {
        String lf = new String(crlf, StandardCharsets.UTF_8).replace("\r\n", "\n");
        byte[] bytes = lf.getBytes(StandardCharsets.UTF_8);
        String name = String.format("1700000000.M%dP1.bench,S=%d,W=%d:2,", n, bytes.length, crlf.length);
        Files.write(maildir.resolve("cur").resolve(name), bytes);
    }

    /** A deterministic ~5 KB text message; some lines start with "." (dot-stuffing) and some are 8-bit. */
    static byte[] message(String to, int n) {
        Random r = new Random(to.hashCode() * 31L + n);
        StringBuilder sb = new StringBuilder(5600);
        sb.append("Return-Path: <sender@example.net>\r\n")
                .append("Received: from client.example.net (client.example.net [192.0.2.10])\r\n")
                .append("\tby mx.bench.test (Tegami) with ESMTPS id ").append(n).append("\r\n")
                .append("\tfor <").append(to).append(">; Mon, 27 Nov 2026 12:00:00 +0000\r\n")
                .append("From: Sender <sender@example.net>\r\nTo: <").append(to).append(">\r\n")
                .append("Subject: Benchmark message ").append(n).append("\r\n")
                .append("Date: Mon, 27 Nov 2026 12:00:00 +0000\r\n")
                .append("Message-ID: <").append(n).append('.').append(to).append(">\r\n")
                .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        String[] words = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed",
            "do", "eiusmod", "tempor", "incididunt", "labore", "dolore", "magna", "aliqua", "Grüße", "naïve", "café"};
        while (sb.length() < 5000) {
            StringBuilder line = new StringBuilder(r.nextInt(12) == 0 ? "." : "");
            while (line.length() < 60) {
                line.append(words[r.nextInt(words.length)]).append(' ');
            }
            sb.append(line.toString().strip()).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
