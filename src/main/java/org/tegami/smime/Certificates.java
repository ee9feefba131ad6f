package org.tegami.smime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reading certificates, CRLs and private keys from the files people have (PEM, DER, PKCS #12),
 * describing certificates, and the e-mail address rules of RFC 8550 §3. Every reader returns a
 * value that says what was found and what was wrong; none throws on malformed input.
 */
public final class Certificates {

    private static final JcaX509CertificateConverter CERTS = new JcaX509CertificateConverter().setProvider(Bc.PROVIDER);

    private Certificates() {}

    /** Everything found in a PEM (or single DER) file, plus what could not be read and why. */
    public record PemBundle(List<X509Certificate> certificates, List<X509CRL> crls, List<PrivateKey> privateKeys,
            List<String> problems) {
        public PemBundle {
            certificates = List.copyOf(certificates);
            crls = List.copyOf(crls);
            privateKeys = List.copyOf(privateKeys);
            problems = List.copyOf(problems);
        }

        public boolean isEmpty() {
            return certificates.isEmpty() && crls.isEmpty() && privateKeys.isEmpty();
        }
    }

    /** The outcome of opening a PKCS #12 file. */
    public sealed interface Pkcs12Result {
        /** Key entries with their chains, and certificate-only entries. */
        record Loaded(List<SmimeCredential> credentials, List<X509Certificate> otherCertificates) implements Pkcs12Result {
            public Loaded {
                credentials = List.copyOf(credentials);
                otherCertificates = List.copyOf(otherCertificates);
            }
        }

        record WrongPassword() implements Pkcs12Result {}

        record Malformed(String reason) implements Pkcs12Result {}
    }

    /**
     * Reads PEM blocks (CERTIFICATE, X509 CRL, PRIVATE KEY, RSA/EC PRIVATE KEY, ENCRYPTED PRIVATE
     * KEY) or, when the data is not PEM, one DER certificate or CRL. The passphrase (may be null)
     * opens encrypted private keys.
     */
    public static PemBundle readPem(byte[] data, char[] passphrase) {
        List<X509Certificate> certs = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!new String(data, 0, Math.min(data.length, 65536), StandardCharsets.ISO_8859_1).contains("-----BEGIN ")) {
            readDer(data, certs, crls, problems);
            return new PemBundle(certs, crls, keys, problems);
        }
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.US_ASCII))) {
            for (int n = 0; n < 10_000; n++) {
                Object o;
                try {
                    o = parser.readObject();
                } catch (IOException | RuntimeException e) {
                    problems.add("unreadable PEM block: " + message(e));
                    break;
                }
                if (o == null) {
                    break;
                }
                convert(o, passphrase, certs, crls, keys, problems);
            }
        } catch (IOException e) {
            problems.add("unreadable PEM data: " + message(e));
        }
        return new PemBundle(certs, crls, keys, problems);
    }

    private static void convert(Object o, char[] passphrase, List<X509Certificate> certs, List<X509CRL> crls,
            List<PrivateKey> keys, List<String> problems) {
        JcaPEMKeyConverter kc = new JcaPEMKeyConverter().setProvider(Bc.PROVIDER);
        try {
            switch (o) {
                case X509CertificateHolder h -> certs.add(CERTS.getCertificate(h));
                case X509CRLHolder h -> crls.add(new JcaX509CRLConverter().setProvider(Bc.PROVIDER).getCRL(h));
                case PEMKeyPair kp -> keys.add(kc.getPrivateKey(kp.getPrivateKeyInfo()));
                case PrivateKeyInfo pki -> keys.add(kc.getPrivateKey(pki));
                case PKCS8EncryptedPrivateKeyInfo enc -> {
                    if (passphrase == null) {
                        problems.add("an encrypted private key needs a passphrase");
                    } else {
                        keys.add(kc.getPrivateKey(enc.decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(passphrase))));
                    }
                }
                case PEMEncryptedKeyPair enc -> {
                    if (passphrase == null) {
                        problems.add("an encrypted private key needs a passphrase");
                    } else {
                        keys.add(kc.getPrivateKey(enc.decryptKeyPair(
                                new JcePEMDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(passphrase)).getPrivateKeyInfo()));
                    }
                }
                default -> problems.add("ignored PEM object: " + o.getClass().getSimpleName());
            }
        } catch (Exception e) {
            problems.add(o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair
                    ? "the private key could not be decrypted (wrong passphrase?)"
                    : "unusable PEM object: " + message(e));
        }
    }

    private static void readDer(byte[] data, List<X509Certificate> certs, List<X509CRL> crls, List<String> problems) {
        if (Asn1Guard.check(data) != null) {
            problems.add("neither PEM nor a DER certificate or CRL: " + Asn1Guard.check(data));
            return;
        }
        try {
            certs.add(CERTS.getCertificate(new X509CertificateHolder(data)));
            return;
        } catch (Exception e) {
            // not a certificate; try a CRL
        }
        try {
            crls.add(new JcaX509CRLConverter().setProvider(Bc.PROVIDER).getCRL(new X509CRLHolder(data)));
        } catch (Exception e) {
            problems.add("neither PEM nor a DER certificate or CRL");
        }
    }

    /** Opens a PKCS #12 (.p12/.pfx) file; a wrong password is its own outcome. */
    public static Pkcs12Result readPkcs12(byte[] data, char[] password) {
        String bad = Asn1Guard.check(data);
        if (bad != null) {
            return new Pkcs12Result.Malformed(bad);
        }
        KeyStore ks;
        try {
            // Bouncy Castle's PKCS #12 reads explicit EC parameters and legacy RC2-40 bags that
            // the JDK's refuses; the JDK's is the fallback for anything BC cannot parse.
            ks = loadPkcs12(KeyStore.getInstance("PKCS12", Bc.PROVIDER), data, password);
        } catch (IOException e) {
            if (wrongPassword(e)) {
                return new Pkcs12Result.WrongPassword();
            }
            try {
                ks = loadPkcs12(KeyStore.getInstance("PKCS12"), data, password);
            } catch (IOException e2) {
                return wrongPassword(e2) ? new Pkcs12Result.WrongPassword()
                        : new Pkcs12Result.Malformed("not a readable PKCS #12 file: " + message(e));
            } catch (GeneralSecurityException | RuntimeException e2) {
                return new Pkcs12Result.Malformed("not a readable PKCS #12 file: " + message(e2));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Pkcs12Result.Malformed("not a readable PKCS #12 file: " + message(e));
        }
        List<SmimeCredential> creds = new ArrayList<>();
        List<X509Certificate> others = new ArrayList<>();
        try {
            for (Enumeration<String> en = ks.aliases(); en.hasMoreElements();) {
                String alias = en.nextElement();
                if (ks.isKeyEntry(alias)) {
                    Key k = ks.getKey(alias, password);
                    Certificate[] chain = ks.getCertificateChain(alias);
                    if (k instanceof PrivateKey pk && chain != null && chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                        List<X509Certificate> rest = new ArrayList<>();
                        for (int i = 1; i < chain.length; i++) {
                            rest.add((X509Certificate) chain[i]);
                        }
                        creds.add(new SmimeCredential(pk, leaf, rest));
                    }
                } else if (ks.getCertificate(alias) instanceof X509Certificate c) {
                    others.add(c);
                }
            }
        } catch (UnrecoverableKeyException e) {
            return new Pkcs12Result.WrongPassword();
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Pkcs12Result.Malformed("unusable PKCS #12 entry: " + message(e));
        }
        return new Pkcs12Result.Loaded(creds, others);
    }

    private static KeyStore loadPkcs12(KeyStore ks, byte[] data, char[] password) throws IOException, GeneralSecurityException {
        ks.load(new ByteArrayInputStream(data), password);
        return ks;
    }

    private static boolean wrongPassword(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("wrong password") || m.contains("password was incorrect")
                || (e.getCause() instanceof UnrecoverableKeyException && !String.valueOf(e.getCause().getMessage()).contains("Parsing"));
    }

    /** PEM text ("-----BEGIN CERTIFICATE-----") for certificates, CRLs or keys. */
    public static byte[] toPem(Collection<?> objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode as PEM: " + e.getMessage(), e);
        }
        return sw.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * E-mail addresses of a certificate: rfc822Name subjectAltNames first, then the deprecated
     * emailAddress attribute of the subject (RFC 8550 §3), lower-cased domain, de-duplicated.
     */
    public static List<String> emailAddresses(X509Certificate cert) {
        Set<String> out = new LinkedHashSet<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(1).equals(san.get(0)) && san.get(1) instanceof String s) {
                        out.add(normalizeAddress(s));
                    }
                }
            }
        } catch (CertificateParsingException | RuntimeException e) {
            // unreadable SAN extension: fall back to the subject
        }
        try {
            X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
            for (RDN rdn : name.getRDNs(BCStyle.EmailAddress)) {
                out.add(normalizeAddress(IETFUtils.valueToString(rdn.getFirst().getValue())));
            }
        } catch (RuntimeException e) {
            // malformed subject: no addresses from it
        }
        return List.copyOf(out);
    }

    /** Local part as is, domain lower-cased: how addresses are compared (RFC 8550 §3). */
    public static String normalizeAddress(String address) {
        String a = address.strip();
        int at = a.lastIndexOf('@');
        return at < 0 ? a : a.substring(0, at) + a.substring(at).toLowerCase(Locale.ROOT);
    }

    /** True if the certificate names this address (case-insensitive domain, RFC 8550 §3). */
    public static boolean hasAddress(X509Certificate cert, String address) {
        String want = normalizeAddress(address);
        for (String a : emailAddresses(cert)) {
            if (a.equalsIgnoreCase(want)) {
                return true;
            }
        }
        return false;
    }

    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** "RSA-2048", "EC-P-256", "Ed25519", "DSA-1024"... */
    public static String keyAlgorithm(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "EC-" + curveName(ec);
        }
        return key.getAlgorithm();
    }

    private static String curveName(ECPublicKey ec) {
        int bits = ec.getParams().getCurve().getField().getFieldSize();
        return switch (bits) {
            case 256 -> "P-256";
            case 384 -> "P-384";
            case 521 -> "P-521";
            default -> bits + "bit";
        };
    }

    /** A reason the key is too weak to use (RFC 8551 §4.1: RSA below 2048 bits), or null. */
    public static String weakKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
            return "the RSA key has only " + rsa.getModulus().bitLength() + " bits (2048 or more are required)";
        }
        if (key.getAlgorithm().equals("DSA")) {
            return "DSA keys are no longer accepted (RFC 8551 §2.2)";
        }
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() < 256) {
            return "the EC key is smaller than 256 bits";
        }
        return null;
    }

    private static final String[] KU_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    public static CertificateInfo describe(X509Certificate c) {
        List<String> ku = new ArrayList<>();
        boolean[] bits = c.getKeyUsage();
        if (bits != null) {
            for (int i = 0; i < bits.length && i < KU_NAMES.length; i++) {
                if (bits[i]) {
                    ku.add(KU_NAMES[i]);
                }
            }
        }
        List<String> eku = new ArrayList<>();
        try {
            if (c.getExtendedKeyUsage() != null) {
                for (String oid : c.getExtendedKeyUsage()) {
                    eku.add(ekuName(oid));
                }
            }
        } catch (CertificateParsingException e) {
            eku.add("unreadable");
        }
        X500Principal subject = c.getSubjectX500Principal();
        return new CertificateInfo(subject.getName(X500Principal.RFC2253), c.getIssuerX500Principal().getName(X500Principal.RFC2253),
                c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT), c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant(), emailAddresses(c), fingerprint(c), keyAlgorithm(c.getPublicKey()),
                SmimeAlgorithms.name(c.getSigAlgOID()), c.getBasicConstraints() >= 0,
                subject.equals(c.getIssuerX500Principal()), ku, eku);
    }

    static String ekuName(String oid) {
        return switch (oid) {
            case "1.3.6.1.5.5.7.3.4" -> "emailProtection";
            case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
            case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
            case "1.3.6.1.5.5.7.3.3" -> "codeSigning";
            case "2.5.29.37.0" -> "anyExtendedKeyUsage";
            default -> oid;
        };
    }

    static final ASN1ObjectIdentifier EMAIL_PROTECTION = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.4");

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
