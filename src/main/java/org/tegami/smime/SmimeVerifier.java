package org.tegami.smime;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.tegami.mime.MimeEntities;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;

/**
 * Verifies S/MIME signatures (RFC 8551 §3.5, CMS SignedData RFC 5652 §5.6) and decides trust for
 * the signer's certificate with {@link ChainValidator} at the injected clock. Every input yields a
 * {@link SmimeVerification}; nothing is thrown on hostile bytes.
 */
public final class SmimeVerifier {

    static final String CHANGED = "The signature does not match the content: the message was changed after signing.";

    private final TrustStore trust;
    private final Clock clock;

    public SmimeVerifier(TrustStore trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    /** Finds the S/MIME signature in a whole message and verifies it; NONE if there is none. */
    public SmimeVerification verify(byte[] message) {
        try {
            ParsedMessage parsed = MimeParser.parse(message);
            SmimeStructure s = SmimeStructure.find(parsed, message);
            if (s == null || !s.signed()) {
                return SmimeVerification.failed(SmimeVerification.Status.NONE, "The message has no S/MIME signature.", null);
            }
            return verify(s, message);
        } catch (RuntimeException e) {
            return SmimeVerification.failed(SmimeVerification.Status.FAIL,
                    "The S/MIME signature could not be read: " + Certificates.message(e) + ".", null);
        }
    }

    /** Verifies a located signed structure (see {@link SmimeStructure#find}). */
    public SmimeVerification verify(SmimeStructure s, byte[] message) {
        try {
            if (s.kind() == SmimeStructure.Kind.MULTIPART_SIGNED) {
                return verifyDetached(s.signedContent(message), s.cmsBytes(message));
            }
            return verifySignedData(s.cmsBytes(message));
        } catch (RuntimeException e) {
            // Bouncy Castle reports some malformed structures with unchecked exceptions.
            return SmimeVerification.failed(SmimeVerification.Status.FAIL,
                    "The S/MIME signature could not be read: " + Certificates.message(e) + ".", null);
        }
    }

    /**
     * A detached signature over {@code content} (the first part of multipart/signed, RFC 1847).
     * The content is tried as received, then with line ends made CRLF, because what was signed
     * is the canonical form (RFC 8551 §3.1.1) while stores and files may hold bare LF.
     */
    public SmimeVerification verifyDetached(byte[] content, byte[] signatureDer) {
        SmimeVerification first = check(content, signatureDer, SmimeSigner.Form.DETACHED);
        byte[] crlf = MimeEntities.toCrlf(content);
        if (first.status() == SmimeVerification.Status.FAIL && crlf != content) {
            SmimeVerification second = check(crlf, signatureDer, SmimeSigner.Form.DETACHED);
            if (second.status() != SmimeVerification.Status.FAIL) {
                return second;
            }
        }
        return first;
    }

    /** An opaque application/pkcs7-mime; smime-type=signed-data (RFC 8551 §3.5.2). */
    public SmimeVerification verifySignedData(byte[] der) {
        return check(null, der, SmimeSigner.Form.OPAQUE);
    }

    private SmimeVerification check(byte[] content, byte[] der, SmimeSigner.Form form) {
        try {
            return checkParsed(content, der, form);
        } catch (RuntimeException e) {
            // Bouncy Castle parses CMS lazily and reports malformed parts with unchecked exceptions.
            return SmimeVerification.failed(SmimeVerification.Status.FAIL,
                    "The signature is damaged: " + Certificates.message(e) + ".", form);
        }
    }

    private SmimeVerification checkParsed(byte[] content, byte[] der, SmimeSigner.Form form) {
        String bad = Asn1Guard.check(der);
        if (bad != null) {
            return SmimeVerification.failed(SmimeVerification.Status.FAIL, "The signature is damaged: " + bad + ".", form);
        }
        CMSSignedData sd;
        byte[] signedContent;
        List<X509Certificate> certs;
        try {
            sd = content == null ? new CMSSignedData(der) : new CMSSignedData(new CMSProcessableByteArray(content), der);
            signedContent = content != null ? content
                    : sd.getSignedContent() == null ? null : (byte[]) sd.getSignedContent().getContent();
            certs = certificates(sd);
        } catch (Exception e) {
            return SmimeVerification.failed(SmimeVerification.Status.FAIL,
                    "The signature is damaged: " + Certificates.message(e) + ".", form);
        }
        if (signedContent == null) {
            return SmimeVerification.failed(SmimeVerification.Status.FAIL,
                    "The signature covers no content: the signed data is missing.", form);
        }
        List<SmimeVerification> results = new ArrayList<>();
        for (SignerInformation si : sd.getSignerInfos().getSigners()) {
            results.add(checkSigner(si, certs, signedContent, form));
            if (results.size() >= 16) {
                break;
            }
        }
        if (results.isEmpty()) {
            return new SmimeVerification(SmimeVerification.Status.NONE, "The S/MIME structure carries certificates but no signature.",
                    form, null, certs, null, null, List.of(), null, null, signedContent);
        }
        return results.stream().min(Comparator.comparingInt(r -> rank(r.status()))).orElseThrow();
    }

    private static int rank(SmimeVerification.Status s) {
        return switch (s) {
            case PASS -> 0;
            case UNTRUSTED -> 1;
            case UNKNOWN_KEY -> 2;
            case FAIL -> 3;
            case NONE -> 4;
        };
    }

    private static List<X509Certificate> certificates(CMSSignedData sd) throws Exception {
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter().setProvider(Bc.PROVIDER);
        List<X509Certificate> out = new ArrayList<>();
        for (X509CertificateHolder h : sd.getCertificates().getMatches(null)) {
            X509Certificate c = usable(conv, h);
            if (c != null) {
                out.add(c);
            }
            if (out.size() > 64) {
                break;
            }
        }
        return out;
    }

    /** The certificate, or null when its public key cannot be decoded (damaged or unknown algorithm). */
    static X509Certificate usable(JcaX509CertificateConverter conv, X509CertificateHolder h) {
        try {
            X509Certificate c = conv.getCertificate(h);
            c.getPublicKey();
            return c;
        } catch (Exception e) {
            return null;
        }
    }

    private SmimeVerification checkSigner(SignerInformation si, List<X509Certificate> certs, byte[] content,
            SmimeSigner.Form form) {
        String digest = SmimeAlgorithms.name(si.getDigestAlgOID());
        String sigAlg = SmimeAlgorithms.name(si.getEncryptionAlgOID());
        List<String> weak = new ArrayList<>();
        if (SmimeAlgorithms.isWeak(si.getDigestAlgOID())) {
            weak.add(digest);
        }
        if (SmimeAlgorithms.isWeak(si.getEncryptionAlgOID())) {
            weak.add(sigAlg);
        }
        Instant signingTime = signingTime(si);
        X509Certificate cert = findSignerCert(si, certs);
        if (cert == null) {
            return new SmimeVerification(SmimeVerification.Status.UNKNOWN_KEY,
                    "The signer's certificate is not included in the message and not known here ("
                            + si.getSID().getIssuer() + ", serial " + si.getSID().getSerialNumber() + ").",
                    form, null, certs, digest, sigAlg, weak, signingTime, null, content);
        }
        if (cert.getPublicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
            weak.add("RSA-" + rsa.getModulus().bitLength());
        }
        String failure = cryptoFailure(si, cert);
        if (failure != null) {
            return new SmimeVerification(SmimeVerification.Status.FAIL, failure, form, cert, certs, digest, sigAlg, weak,
                    signingTime, null, content);
        }
        ChainResult chain = ChainValidator.validate(cert, certs, trust, clock.instant(), ChainValidator.Purpose.SIGNING);
        String weakNote = weak.isEmpty() ? "" : " It uses the weak algorithm " + String.join(" and ", weak) + ".";
        String who = Certificates.describe(cert).displayName();
        if (!chain.trusted()) {
            return new SmimeVerification(SmimeVerification.Status.UNTRUSTED,
                    "The signature is valid, but it cannot be trusted: " + lowerFirst(chain.reason()) + weakNote,
                    form, cert, certs, digest, sigAlg, weak, signingTime, chain, content);
        }
        return new SmimeVerification(SmimeVerification.Status.PASS,
                "The signature is valid and the certificate of " + who + " chains to a trusted authority." + weakNote,
                form, cert, certs, digest, sigAlg, weak, signingTime, chain, content);
    }

    /** Null when the signature verifies, else the sentence explaining the failure. */
    private static String cryptoFailure(SignerInformation si, X509Certificate cert) {
        try {
            // Verifying against the public key (not the certificate) keeps BC from judging the
            // certificate's validity here; ChainValidator does that at the injected clock.
            boolean ok = si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER).build(cert.getPublicKey()));
            return ok ? null : "The signature is invalid: it does not match the signer's certificate or its signed attributes were altered.";
        } catch (CMSSignerDigestMismatchException e) {
            return CHANGED;
        } catch (Exception e) {
            return "The signature could not be checked: " + Certificates.message(e) + ".";
        }
    }

    private X509Certificate findSignerCert(SignerInformation si, List<X509Certificate> certs) {
        List<X509Certificate> pool = new ArrayList<>(certs);
        pool.addAll(trust.intermediates());
        pool.addAll(trust.anchors());
        for (X509Certificate c : pool) {
            try {
                if (si.getSID().match(new X509CertificateHolder(c.getEncoded()))) {
                    return c;
                }
            } catch (Exception e) {
                // unparseable certificate: not the signer
            }
        }
        return null;
    }

    private static Instant signingTime(SignerInformation si) {
        try {
            if (si.getSignedAttributes() == null) {
                return null;
            }
            Attribute a = si.getSignedAttributes().get(CMSAttributes.signingTime);
            return a == null ? null : Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (Exception e) {
            return null;
        }
    }

    static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
