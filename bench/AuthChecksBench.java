import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tegami.directory.Resolution;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimKeys;
import org.tegami.dkim.DkimSigner;
import org.tegami.dkim.DkimVerifier;
import org.tegami.dmarc.DmarcEvaluator;
import org.tegami.dns.InMemoryResolver;
import org.tegami.dns.Resolver;
import org.tegami.mailauth.TrustedForwarders;
import org.tegami.pipeline.AuthPolicyStage;
import org.tegami.pipeline.AuthResultsStage;
import org.tegami.pipeline.DkimVerifyStage;
import org.tegami.pipeline.DmarcStage;
import org.tegami.pipeline.ForeignAuthResultsStage;
import org.tegami.pipeline.InboundMessage;
import org.tegami.pipeline.MessageAuthentication;
import org.tegami.pipeline.Recipient;
import org.tegami.pipeline.Role;
import org.tegami.pipeline.SessionInfo;
import org.tegami.pipeline.SpfStage;
import org.tegami.pipeline.Stage;
import org.tegami.smtp.MailAddress;
import org.tegami.spf.SpfVerifier;

/**
 * CPU time of the inbound authentication stages alone, per message (bench/auth-checks.sh; not part
 * of the test suite): strip forged Authentication-Results, SPF (MAIL FROM + HELO), DKIM verify,
 * DMARC, Authentication-Results, policy — exactly the stages the server runs, on one thread,
 * measured with the thread's CPU clock, so other load on the machine does not distort it. DNS
 * answers come from the in-memory resolver; a warm dnsjava cache answers a lookup in about 1 µs
 * of CPU (about five lookups per message), see docs/auth.md.
 *
 * <pre>java -cp 'target/tegami.jar:target/lib/*' bench/AuthChecksBench.java [messages]</pre>
 */
public class AuthChecksBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        SecureRandom random = new SecureRandom();
        DkimKeys.GeneratedKey rsa = DkimKeys.generate(DkimAlgorithm.RSA_SHA256, random);
        DkimKeys.GeneratedKey ed = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256, random);
        InMemoryResolver mem = new InMemoryResolver().addTxt("sender.test", "v=spf1 ip4:127.0.0.0/8 -all")
                .addTxt("client.sender.test", "v=spf1 ip4:127.0.0.0/8 -all")
                .addTxt("r._domainkey.sender.test", rsa.dnsTxt()).addTxt("e._domainkey.sender.test", ed.dnsTxt())
                .addTxt("_dmarc.sender.test", "v=DMARC1; p=reject; rua=mailto:dmarc-reports@sender.test");
        Resolver dns = mem;
        String base = message(5000);
        for (String kind : List.of("rsa", "dual")) {
            List<DkimSigner.SigningKey> keys = new ArrayList<>(List.of(new DkimSigner.SigningKey("sender.test", "r", rsa.privateKey())));
            if (kind.equals("dual")) {
                keys.add(new DkimSigner.SigningKey("sender.test", "e", ed.privateKey()));
            }
            byte[] msg = new DkimSigner(keys, Clock.systemUTC()).signAndPrepend(base.getBytes(StandardCharsets.UTF_8));
            List<Stage> stages = List.of(new ForeignAuthResultsStage("mx.bench.test"),
                    new SpfStage(new SpfVerifier(dns, Clock.systemUTC(), "mx.bench.test")),
                    new DkimVerifyStage(new DkimVerifier(dns, Clock.systemUTC())),
                    new DmarcStage(new DmarcEvaluator(dns), TrustedForwarders.of(List.of()), null),
                    new AuthResultsStage("mx.bench.test", false), new AuthPolicyStage(false, false));
            run(stages, msg, n / 2, kind); // warm-up
            double[] rounds = new double[5];
            for (int r = 0; r < rounds.length; r++) {
                rounds[r] = run(stages, msg, n / rounds.length, kind);
            }
            Arrays.sort(rounds);
            System.out.printf("%s-signed 5 KB message: %.0f µs CPU per message for all checks (median of 5 rounds)%n",
                    kind, rounds[2]);
        }
    }

    /** Runs the stages on fresh copies of the message; returns CPU µs per message. */
    static double run(List<Stage> stages, byte[] msg, int n, String kind) throws Exception {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        SessionInfo s = new SessionInfo("b", Role.MX, InetAddress.getLoopbackAddress(), "client.sender.test", true, null,
                null, "mx.bench.test");
        List<Recipient> rcpt = List.of(new Recipient(MailAddress.parse("sink@bench.test"), Map.of(),
                new Resolution.Local(List.of(), List.of())));
        MailAddress from = MailAddress.parse("alice@sender.test");
        long c0 = t.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            InboundMessage m = new InboundMessage("b." + i, s, from, Map.of(), rcpt, msg);
            for (Stage st : stages) {
                if (st.apply(m) != null) {
                    throw new IllegalStateException("refused: " + st.name());
                }
            }
            MessageAuthentication a = m.get(MessageAuthentication.class);
            if (!a.dmarcPass() || a.dkim().size() != (kind.equals("dual") ? 2 : 1) || !a.dkim().stream().allMatch(r -> r.isPass())) {
                throw new IllegalStateException("checks did not pass: " + a);
            }
        }
        return (t.getCurrentThreadCpuTime() - c0) / 1e3 / n;
    }

    static String message(int size) {
        StringBuilder sb = new StringBuilder("From: Alice <alice@sender.test>\r\nTo: <sink@bench.test>\r\nSubject: load\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <load@sender.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n");
        while (sb.length() < size) {
            sb.append("The quick brown fox jumps over the lazy dog, again and again and again.\r\n");
        }
        return sb.toString();
    }
}
