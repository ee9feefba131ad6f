import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimKeys;
import org.tegami.dkim.DkimResult;
import org.tegami.dkim.DkimSigner;
import org.tegami.dkim.DkimVerifier;
import org.tegami.dns.InMemoryResolver;

/**
 * DKIM sign and verify per second (bench/dkim.sh runs it; not part of the test suite): RSA-2048
 * and Ed25519, 5 KB and 100 KB messages, single thread, relaxed/relaxed as Tegami signs. Keys come
 * from the in-memory resolver, so DNS is not measured. Each case is warmed up, then measured in
 * ROUNDS rounds of SECONDS each; the median round is printed.
 *
 * <pre>java -cp 'target/tegami.jar:target/lib/*' bench/DkimBench.java [seconds] [rounds]</pre>
 */
public class DkimBench {

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SecureRandom random = new SecureRandom();
        InMemoryResolver dns = new InMemoryResolver();
        System.out.printf("%-9s %-7s %14s %14s%n", "key", "size", "sign/s", "verify/s");
        for (DkimAlgorithm alg : List.of(DkimAlgorithm.RSA_SHA256, DkimAlgorithm.ED25519_SHA256)) {
            DkimKeys.GeneratedKey key = DkimKeys.generate(alg, random);
            String selector = alg == DkimAlgorithm.RSA_SHA256 ? "r" : "e";
            dns.addTxt(selector + "._domainkey.bench.test", key.dnsTxt());
            DkimSigner signer = new DkimSigner(List.of(new DkimSigner.SigningKey("bench.test", selector, key.privateKey())),
                    Clock.systemUTC());
            DkimVerifier verifier = new DkimVerifier(dns, Clock.systemUTC());
            for (int size : new int[] {5 * 1024, 100 * 1024}) {
                byte[] msg = message(size);
                byte[] signed = signer.signAndPrepend(msg);
                if (!verifier.verify(signed).stream().allMatch(DkimResult::isPass)) {
                    throw new IllegalStateException("signature does not verify");
                }
                double sign = measure(() -> signer.sign(msg), seconds, rounds);
                double verify = measure(() -> verifier.verify(signed), seconds, rounds);
                System.out.printf("%-9s %-7s %14.0f %14.0f%n", alg == DkimAlgorithm.RSA_SHA256 ? "rsa-2048" : "ed25519",
                        size / 1024 + " KB", sign, verify);
            }
        }
    }

    interface Op {
        Object run() throws Exception;
    }

    /** Warm-up of one round's length, then the median of ROUNDS measured rounds, in operations per second. */
    static double measure(Op op, double seconds, int rounds) throws Exception {
        run(op, seconds);
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = run(op, seconds);
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }

    static Object sink;

    static double run(Op op, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            sink = op.run();
            n++;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** A plain-text message of about {@code size} bytes with the header fields mail usually has. */
    static byte[] message(int size) {
        StringBuilder sb = new StringBuilder("From: Alice <alice@bench.test>\r\nTo: Bob <bob@example.org>\r\n"
                + "Subject: benchmark message\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <b1@bench.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        List<String> words = new ArrayList<>(List.of("lorem", "ipsum", "dolor", "sit", "amet,", "consectetur", "adipiscing"));
        int i = 0;
        while (sb.length() < size) {
            sb.append(words.get(i++ % words.size())).append(i % 12 == 0 ? "\r\n" : " ");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
