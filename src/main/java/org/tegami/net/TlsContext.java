package org.tegami.net;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The server's TLS identity and settings: TLS 1.2 and 1.3 only, forward-secret AEAD cipher suites
 * only, server cipher order. The certificate comes from PEM files, or a self-signed one is made on
 * first start and kept in DATA/tls/.
 */
public final class TlsContext {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** What a reload swaps as one piece: new connections use it, open ones keep theirs. */
    private record State(SSLContext context, String[] cipherSuites, X509Certificate leaf, long certTime, long keyTime) {}

    private volatile State state;
    private Path certFile;
    private Path keyFile;

    private TlsContext(SSLContext context, X509Certificate leaf) {
        this.state = state(context, leaf, 0, 0);
    }

    private static State state(SSLContext context, X509Certificate leaf, long certTime, long keyTime) {
        List<String> suites = new ArrayList<>();
        for (String s : context.getSupportedSSLParameters().getCipherSuites()) {
            if (acceptable(s)) {
                suites.add(s);
            }
        }
        return new State(context, suites.toArray(String[]::new), leaf, certTime, keyTime);
    }

    /**
     * Reloads the certificate and key if their files changed since they were read (certificate
     * renewal without a restart; open connections are not touched). A broken new pair is
     * reported and the old one kept.
     *
     * @return true if a new certificate is now in use
     */
    public synchronized boolean reloadIfChanged() throws IOException, GeneralSecurityException {
        if (certFile == null) {
            return false;
        }
        long c = Files.getLastModifiedTime(certFile).toMillis();
        long k = Files.getLastModifiedTime(keyFile).toMillis();
        State old = state;
        if (c == old.certTime && k == old.keyTime) {
            return false;
        }
        TlsContext fresh = fromPem(certFile, keyFile);
        state = fresh.state;
        return true;
    }

    /** TLS 1.3 suites, and TLS 1.2 suites with ECDHE key exchange and an AEAD cipher. */
    static boolean acceptable(String suite) {
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true;
        }
        return suite.startsWith("TLS_ECDHE_")
                && (suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305"))
                && !suite.contains("_SHA1") && !suite.endsWith("_SHA");
    }

    public static TlsContext fromPem(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (var in = Files.newInputStream(certFile)) {
            for (Certificate c : cf.generateCertificates(in)) {
                chain.add((X509Certificate) c);
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certFile);
        }
        PrivateKey key = readKey(keyFile);
        long certTime = Files.getLastModifiedTime(certFile).toMillis();
        long keyTime = Files.getLastModifiedTime(keyFile).toMillis();
        TlsContext ctx = build(chain, key);
        ctx.state = state(ctx.state.context(), ctx.state.leaf(), certTime, keyTime);
        ctx.certFile = certFile;
        ctx.keyFile = keyFile;
        return ctx;
    }

    /** The self-signed certificate in dir, made now if absent. */
    public static TlsContext selfSigned(Path dir, String hostname) throws IOException, GeneralSecurityException {
        Path cert = dir.resolve("selfsigned-cert.pem");
        Path key = dir.resolve("selfsigned-key.pem");
        if (!Files.exists(cert) || !Files.exists(key)) {
            generate(dir, cert, key, hostname);
        }
        return fromPem(cert, key);
    }

    private static PrivateKey readKey(Path keyFile) throws IOException, GeneralSecurityException {
        try (Reader r = Files.newBufferedReader(keyFile); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getPrivateKey(kp.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo pki) {
                return conv.getPrivateKey(pki);
            }
            throw new GeneralSecurityException("no unencrypted private key in " + keyFile);
        }
    }

    private static TlsContext build(List<X509Certificate> chain, PrivateKey key) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = new char[0];
        ks.setKeyEntry("server", key, pw, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return new TlsContext(ctx, chain.get(0));
    }

    private static void generate(Path dir, Path certFile, Path keyFile, String hostname)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=" + hostname);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(825, ChronoUnit.DAYS)), name, kp.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        Path tmpKey = dir.resolve("selfsigned-key.pem.tmp");
        Files.deleteIfExists(tmpKey);
        Files.createFile(tmpKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        // PKCS#8 ("PRIVATE KEY"): the form every tool and JDK provider reads.
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(tmpKey, pem);
        try (var w = new JcaPEMWriter(Files.newBufferedWriter(certFile))) {
            w.writeObject(cert);
        }
        Files.move(tmpKey, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** SHA-256 fingerprint of the leaf certificate, colon-separated hex (as openssl prints it). */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(state.leaf().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return state.leaf();
    }

    /** Wraps an accepted (or STARTTLS-upgraded) socket as the server side of TLS; handshake not yet done. */
    public SSLSocket wrapServer(Socket plain) throws IOException {
        State st = state;
        SSLSocket s = (SSLSocket) st.context().getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        s.setUseClientMode(false);
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        p.setCipherSuites(st.cipherSuites());
        p.setUseCipherSuitesOrder(true);
        s.setSSLParameters(p);
        return s;
    }
}
