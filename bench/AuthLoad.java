import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimKeys;
import org.tegami.dkim.DkimSigner;

/**
 * Load client for bench/mail-auth.sh (not part of the test suite): messages from alice@sender.test,
 * DKIM-signed (RSA-2048 + Ed25519, as Tegami signs) so the receiver has real work to do.
 *
 * <pre>
 * java -cp ... bench/AuthLoad.java prepare DIR SIZE [dual|rsa]
 *     writes DIR/r.txt and DIR/e.txt (the key records for r._domainkey / e._domainkey.sender.test)
 *     and DIR/message.eml (a message of about SIZE bytes to sink@bench.test, signed with both keys
 *     as Tegami signs — "dual", the default — or only RSA-2048, as most mail is)
 * java -cp ... bench/AuthLoad.java send PORT CONNECTIONS MESSAGES DIR/message.eml
 *     CONNECTIONS sessions in parallel, MESSAGES in all, each session sending its share one after
 *     another (MAIL, RCPT, DATA, wait for 250); prints "result messages=M seconds=S msgs_per_s=R"
 * </pre>
 */
public class AuthLoad {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(Path.of(args[1]), Integer.parseInt(args[2]), args.length < 4 || !args[3].equals("rsa"));
            case "send" -> send(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Files.readAllBytes(Path.of(args[4])));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void prepare(Path dir, int size, boolean dual) throws Exception {
        SecureRandom random = new SecureRandom();
        DkimKeys.GeneratedKey rsa = DkimKeys.generate(DkimAlgorithm.RSA_SHA256, random);
        DkimKeys.GeneratedKey ed = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256, random);
        Files.writeString(dir.resolve("r.txt"), rsa.dnsTxt());
        Files.writeString(dir.resolve("e.txt"), ed.dnsTxt());
        StringBuilder sb = new StringBuilder("From: Alice <alice@sender.test>\r\nTo: <sink@bench.test>\r\n"
                + "Subject: load\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <load@sender.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        while (sb.length() < size) {
            sb.append("The quick brown fox jumps over the lazy dog, again and again and again.\r\n");
        }
        List<DkimSigner.SigningKey> keys = new ArrayList<>(List.of(new DkimSigner.SigningKey("sender.test", "r", rsa.privateKey())));
        if (dual) {
            keys.add(new DkimSigner.SigningKey("sender.test", "e", ed.privateKey()));
        }
        DkimSigner signer = new DkimSigner(keys, Clock.systemUTC());
        Files.write(dir.resolve("message.eml"), signer.signAndPrepend(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static void send(int port, int connections, int messages, byte[] message) throws Exception {
        byte[] data = stuff(message);
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int share = messages / connections + (c < messages % connections ? 1 : 0);
                fs.add(pool.submit(() -> session(port, share, data)));
            }
            int sent = 0;
            for (Future<Integer> f : fs) {
                sent += f.get();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("result messages=%d seconds=%.3f msgs_per_s=%.0f%n", sent, s, sent / s);
        }
    }

    static int session(int port, int n, byte[] data) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 65536);
            expect(in, "220");
            cmd(out, in, "EHLO client.sender.test", "250");
            for (int i = 0; i < n; i++) {
                cmd(out, in, "MAIL FROM:<alice@sender.test>", "250");
                cmd(out, in, "RCPT TO:<sink@bench.test>", "250");
                cmd(out, in, "DATA", "354");
                out.write(data);
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(in, "250");
            }
            cmd(out, in, "QUIT", "221");
            return n;
        }
    }

    static void cmd(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    /** Reads a (multi-line) reply and checks its code. */
    static void expect(BufferedReader in, String code) throws IOException {
        String l;
        do {
            l = in.readLine();
            if (l == null) {
                throw new IOException("connection closed, expected " + code);
            }
        } while (l.length() > 3 && l.charAt(3) == '-');
        if (!l.startsWith(code)) {
            throw new IOException("expected " + code + ", got: " + l);
        }
    }

    /** Dot-stuffing (RFC 5321 §4.5.2); the message ends with CRLF. */
    static byte[] stuff(byte[] m) {
        String s = new String(m, StandardCharsets.ISO_8859_1);
        s = (s.startsWith(".") ? "." : "") + s.replace("\r\n.", "\r\n..");
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
