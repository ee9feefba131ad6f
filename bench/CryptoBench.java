import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.tegami.admin.Admin;
import org.tegami.app.ServerOptions;
import org.tegami.app.Tegami;
import org.tegami.config.ConfigLoader;
import org.tegami.cryptomail.KeyMaterial;
import org.tegami.dns.InMemoryResolver;
import org.tegami.keys.KeyAdmin;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.KeyTrust;
import org.tegami.pgp.PgpDecryptor;
import org.tegami.pgp.PgpEncryptor;
import org.tegami.pgp.PgpKeyGenerator;
import org.tegami.pgp.PgpSecretKey;
import org.tegami.pgp.PgpSigner;
import org.tegami.pgp.PgpVerification;
import org.tegami.pgp.PgpVerifier;
import org.tegami.smime.SmimeCredential;
import org.tegami.smime.SmimeDecryptor;
import org.tegami.smime.SmimeEncryptor;
import org.tegami.smime.SmimeSigner;
import org.tegami.smime.SmimeVerification;
import org.tegami.smime.SmimeVerifier;
import org.tegami.smime.TrustStore;
import org.tegami.smtp.Reply;
import org.tegami.smtpclient.ClientOptions;
import org.tegami.smtpclient.OutboundMessage;
import org.tegami.smtpclient.SmtpClient;

/**
 * Mail crypto benchmark for issue 7 (warm-up, then measure; not part of the test suite):
 * S/MIME (RSA-2048, SHA-256, AES-256-GCM + RSA-OAEP) and OpenPGP (Ed25519/X25519, AES-256) sign,
 * verify, encrypt and decrypt per second for 5 KB and 1 MB messages, then SMTP submission
 * throughput (587, STARTTLS + AUTH, local recipient, durable delivery) with sign = never and
 * sign = always in the same run, alternated.
 *
 * <pre>
 * bench/crypto.sh        (builds, then: java -cp target/classes:target/lib/* bench/CryptoBench.java)
 * env: WARMUP_S (2), MEASURE_S (5), SMTP_CLIENTS (8), SMTP_MESSAGES (400 per round), ROUNDS (2),
 *      ONLY (run only the operations whose name contains it, e.g. "smime sign 5KB" or "smtp")
 * </pre>
 */
public class CryptoBench {

    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    static final SecureRandom RANDOM = new SecureRandom();
    static final Clock CLOCK = Clock.systemUTC();
    static final int WARMUP_S = env("WARMUP_S", 2);
    static final int MEASURE_S = env("MEASURE_S", 5);

    public static void main(String[] args) throws Exception {
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        Pki pki = new Pki();
        PgpSecretKey pgp = PgpKeyGenerator.generate("Bench <bench@bench.test>", PgpKeyGenerator.KeyType.ED25519, new char[0],
                Instant.now().minusSeconds(3600), null, RANDOM);
        KeyRing ring = new KeyRing();
        ring.add(pgp.publicRing(), KeyTrust.VERIFIED);
        TrustStore trust = TrustStore.of(List.of(pki.root));
        System.out.printf(Locale.ROOT, "%-34s %12s %12s%n", "operation", "ops/s", "MB/s");
        for (int size : new int[] {5 * 1024, 1024 * 1024}) {
            byte[] msg = message(size);
            String label = size < 100_000 ? "5KB" : "1MB";
            // S/MIME
            byte[] signed = ((SmimeSigner.Result.Signed) new SmimeSigner(CLOCK, RANDOM).signMessage(msg, pki.user,
                    SmimeSigner.Options.DEFAULT)).entity();
            check(new SmimeVerifier(trust, CLOCK).verify(signed).status() == SmimeVerification.Status.PASS, "smime verify");
            byte[] enc = ((SmimeEncryptor.Result.Encrypted) new SmimeEncryptor(CLOCK, RANDOM).encryptMessage(msg,
                    List.of(pki.user.certificate()), SmimeEncryptor.Options.DEFAULT)).bytes();
            check(new SmimeDecryptor().decryptMessage(enc, List.of(pki.user)) instanceof SmimeDecryptor.Result.Decrypted, "smime decrypt");
            measure("smime sign " + label, size, () -> new SmimeSigner(CLOCK, RANDOM).signMessage(msg, pki.user, SmimeSigner.Options.DEFAULT));
            measure("smime verify " + label, size, () -> new SmimeVerifier(trust, CLOCK).verify(signed));
            measure("smime encrypt " + label, size, () -> new SmimeEncryptor(CLOCK, RANDOM).encryptMessage(msg,
                    List.of(pki.user.certificate()), SmimeEncryptor.Options.DEFAULT));
            measure("smime decrypt " + label, size, () -> new SmimeDecryptor().decryptMessage(enc, List.of(pki.user)));
            // OpenPGP
            byte[] psigned = ((PgpSigner.Result.Signed) new PgpSigner(CLOCK, RANDOM).signMessage(msg, pgp)).bytes();
            check(new PgpVerifier(ring, CLOCK).verify(psigned).status() == PgpVerification.Status.PASS, "pgp verify");
            byte[] penc = ((PgpEncryptor.Result.Encrypted) new PgpEncryptor(CLOCK, RANDOM).encryptMessage(msg,
                    List.of(pgp.publicRing()), null)).bytes();
            check(new PgpDecryptor(ring, CLOCK).decryptMessage(penc, List.of(pgp)) instanceof PgpDecryptor.Result.Decrypted, "pgp decrypt");
            measure("pgp sign " + label, size, () -> new PgpSigner(CLOCK, RANDOM).signMessage(msg, pgp));
            measure("pgp verify " + label, size, () -> new PgpVerifier(ring, CLOCK).verify(psigned));
            measure("pgp encrypt " + label, size, () -> new PgpEncryptor(CLOCK, RANDOM).encryptMessage(msg, List.of(pgp.publicRing()), null));
            measure("pgp decrypt " + label, size, () -> new PgpDecryptor(ring, CLOCK).decryptMessage(penc, List.of(pgp)));
        }
        if (System.getenv("ONLY") == null || "smtp".equals(System.getenv("ONLY"))) {
            smtp(pki);
        }
    }

    /** Runs op for WARMUP_S (discarded), then for MEASURE_S, single thread; prints ops/s and MB/s. */
    static void measure(String name, int size, Supplier<Object> op) {
        String only = System.getenv("ONLY");
        if (only != null && !name.contains(only)) {
            return;
        }
        Object sink = null;
        long end = System.nanoTime() + WARMUP_S * 1_000_000_000L;
        while (System.nanoTime() < end) {
            sink = op.get();
        }
        long n = 0;
        long t0 = System.nanoTime();
        end = t0 + MEASURE_S * 1_000_000_000L;
        long now;
        do {
            sink = op.get();
            n++;
            now = System.nanoTime();
        } while (now < end);
        double s = (now - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-34s %12.1f %12.1f%n", name, n / s, n * (double) size / s / (1024 * 1024));
        if (sink == null) {
            throw new IllegalStateException();
        }
    }

    /** SMTP submission with sign = never vs always (S/MIME RSA-2048), same server, alternated rounds. */
    static void smtp(Pki pki) throws Exception {
        int clients = env("SMTP_CLIENTS", 8);
        int perRound = env("SMTP_MESSAGES", 400);
        int rounds = env("ROUNDS", 2);
        Path dir = Files.createTempDirectory("crypto-bench");
        int offset = 40000 + RANDOM.nextInt(15000);
        var config = ConfigLoader.parse("[ports]\nsmtp = 0\nsubmissions = 0\nimap = 0\nimaps = 0\npop3 = 0\npop3s = 0\n", "bench.toml");
        try (Tegami t = Tegami.start(config, new ServerOptions(dir, "mx.bench.test", "127.0.0.1", offset), new InMemoryResolver(), CLOCK)) {
            Admin admin = new Admin(t.store(), t.config());
            admin.addDomain("bench.test");
            admin.addUser("sender@bench.test", null, "bench-password-1", false);
            admin.addUser("rcpt@bench.test", null, "bench-password-2", false);
            KeyAdmin keys = new KeyAdmin(t.cryptoKeys());
            keys.importKey("sender@bench.test", KeyMaterial.credentialPem(pki.user), null);
            int port = t.port("submission");
            byte[] msg = message(5 * 1024);
            System.out.printf(Locale.ROOT, "%nSMTP submission, %d clients, %d x 5KB messages per round, STARTTLS + AUTH, local delivery%n",
                    clients, perRound);
            submit(port, clients, perRound / 2, msg); // warm-up
            keys.setPolicy("sender@bench.test", "always", null, null);
            submit(port, clients, perRound / 2, msg);
            for (int r = 0; r < rounds; r++) {
                for (String sign : new String[] {"never", "always"}) {
                    keys.setPolicy("sender@bench.test", sign, null, null);
                    double rate = submit(port, clients, perRound, msg);
                    System.out.printf(Locale.ROOT, "round %d  sign = %-6s  %8.1f msg/s%n", r + 1, sign, rate);
                }
            }
            var stored = t.store().mail().messages(t.store().mail().mailbox(
                    t.store().directory().account("rcpt@bench.test").orElseThrow().id(), "INBOX").orElseThrow().id());
            byte[] last = t.store().blobs().read(stored.get(stored.size() - 1).blob());
            check(new String(last, StandardCharsets.US_ASCII).contains("application/pkcs7-signature"), "the last message is signed");
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static double submit(int port, int clients, int total, byte[] msg) throws Exception {
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int n = total / clients;
                fs.add(pool.submit(() -> {
                    ClientOptions o = new ClientOptions("bench.client", null, Duration.ofSeconds(5), Duration.ofSeconds(60),
                            Duration.ofSeconds(60), ClientOptions.TlsMode.REQUIRED, false, "localhost", "sender@bench.test",
                            "bench-password-1");
                    try (SmtpClient cl = SmtpClient.connect(new InetSocketAddress("127.0.0.1", port), o)) {
                        for (int i = 0; i < n; i++) {
                            Reply r = cl.send(new OutboundMessage("sender@bench.test", List.of(new OutboundMessage.Rcpt("rcpt@bench.test",
                                    null, null)), null, null, false, false, msg)).perRecipient().get(0);
                            check(r.code() == 250, "submission: " + r);
                        }
                    }
                    return n;
                }));
            }
            int sent = 0;
            for (Future<Integer> f : fs) {
                sent += f.get();
            }
            return sent / ((System.nanoTime() - t0) / 1e9);
        }
    }

    static byte[] message(int size) {
        StringBuilder sb = new StringBuilder("From: sender@bench.test\r\nTo: rcpt@bench.test\r\nSubject: bench\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <b@bench.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        int line = 0;
        while (sb.length() < size) {
            sb.append("Line ").append(line++).append(" of the benchmark message, plain ASCII text to fill the body.\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark self-check failed: " + what);
        }
    }

    static int env(String name, int def) {
        String v = System.getenv(name);
        return v == null ? def : Integer.parseInt(v);
    }

    /** A root CA and one RSA-2048 user certificate for e-mail protection. */
    static final class Pki {
        final X509Certificate root;
        final SmimeCredential user;

        Pki() throws Exception {
            KeyPair rk = rsa();
            X500Name rn = new X500Name("CN=Bench Root");
            var rb = new JcaX509v3CertificateBuilder(rn, BigInteger.ONE, Date.from(Instant.now().minusSeconds(86400)),
                    Date.from(Instant.now().plusSeconds(86400 * 365)), rn, rk.getPublic());
            rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            rb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            root = sign(rb, rk);
            KeyPair uk = rsa();
            var ub = new JcaX509v3CertificateBuilder(rn, BigInteger.TWO, Date.from(Instant.now().minusSeconds(86400)),
                    Date.from(Instant.now().plusSeconds(86400 * 365)), new X500Name("CN=Sender,E=sender@bench.test"), uk.getPublic());
            ub.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            ub.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            ub.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            ub.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.rfc822Name, "sender@bench.test")));
            user = new SmimeCredential(uk.getPrivate(), sign(ub, rk));
        }

        static KeyPair rsa() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        }

        static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair issuer) throws Exception {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(issuer.getPrivate())));
        }
    }
}
