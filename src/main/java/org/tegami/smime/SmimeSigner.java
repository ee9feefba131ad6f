package org.tegami.smime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.smime.SMIMEEncryptionKeyPreferenceAttribute;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.tegami.mime.MimeEntities;

/**
 * Signs MIME entities (RFC 8551 §3.5): detached as multipart/signed with an
 * application/pkcs7-signature part (§3.5.3, the form every client can display), or opaque as
 * application/pkcs7-mime; smime-type=signed-data (§3.5.2). The entity is canonicalised first
 * (§3.1.1: CRLF line ends; §3.1.3: 8-bit parts re-encoded as 7-bit) so the signature survives
 * transport. Only SHA-2 digests and keys of adequate size are used (§2.1, §4.1).
 */
public final class SmimeSigner {

    public enum Form { DETACHED, OPAQUE }

    /** Signing choices; {@link #DEFAULT} is detached SHA-256 with the signer's chain included. */
    public record Options(Form form, SmimeAlgorithms.Digest digest, boolean includeChain) {
        public static final Options DEFAULT = new Options(Form.DETACHED, SmimeAlgorithms.Digest.SHA256, true);
    }

    /** The outcome of signing. */
    public sealed interface Result {
        /** The signed entity (headers + body, CRLF); {@code micalg} as in its Content-Type. */
        record Signed(byte[] entity, String micalg) implements Result {}

        /** Not signed, and why (weak or expired key, unusable certificate). */
        record Refused(String reason) implements Result {}
    }

    private final Clock clock;
    private final SecureRandom random;

    public SmimeSigner(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** Signs a whole message: its Content-* header and body are signed, the other fields stay outside. */
    public Result signMessage(byte[] message, SmimeCredential signer, Options options) {
        MimeEntities.Split split = MimeEntities.split(message);
        Result r = sign(split.entity(), signer, options);
        if (r instanceof Result.Signed s) {
            return new Result.Signed(MimeEntities.join(split.outerHeaders(), s.entity()), s.micalg());
        }
        return r;
    }

    /** Signs one MIME entity (Content-* header fields, blank line, body). */
    public Result sign(byte[] entity, SmimeCredential signer, Options options) {
        String refusal = refusal(signer);
        if (refusal != null) {
            return new Result.Refused(refusal);
        }
        byte[] canonical = MimeEntities.toSevenBit(MimeEntities.toCrlf(entity), false);
        String micalg = signer.privateKey().getAlgorithm().equals("Ed25519") ? "sha-512" : options.digest().micalg();
        try {
            CMSSignedData sd = generator(signer, options).generate(new CMSProcessableByteArray(canonical),
                    options.form() == Form.OPAQUE);
            if (!selfCheck(sd, canonical, signer.certificate())) {
                return new Result.Refused("the private key does not belong to the certificate "
                        + signer.certificate().getSubjectX500Principal().getName());
            }
            byte[] der = sd.getEncoded("DER");
            return new Result.Signed(options.form() == Form.DETACHED ? detached(canonical, der, micalg) : opaque(der), micalg);
        } catch (Exception e) {
            return new Result.Refused("signing failed: " + Certificates.message(e));
        }
    }

    private String refusal(SmimeCredential signer) {
        X509Certificate cert = signer.certificate();
        String weak = Certificates.weakKey(cert.getPublicKey());
        if (weak != null) {
            return "not signing: " + weak;
        }
        Instant now = clock.instant();
        if (now.isAfter(cert.getNotAfter().toInstant()) || now.isBefore(cert.getNotBefore().toInstant())) {
            return "not signing: the certificate " + cert.getSubjectX500Principal().getName() + " is not valid now";
        }
        String usage = ChainValidator.usageProblem(cert, ChainValidator.Purpose.SIGNING);
        if (usage != null) {
            return "not signing: the certificate " + usage;
        }
        if (contentSignerAlgorithm(signer.privateKey(), SmimeAlgorithms.Digest.SHA256) == null) {
            return "not signing: unsupported key type " + signer.privateKey().getAlgorithm();
        }
        return null;
    }

    static String contentSignerAlgorithm(PrivateKey key, SmimeAlgorithms.Digest digest) {
        if (key instanceof RSAPrivateKey || key.getAlgorithm().equals("RSA")) {
            return digest.jcaPrefix() + "withRSA";
        }
        if (key instanceof ECPrivateKey || key.getAlgorithm().equals("EC") || key.getAlgorithm().equals("ECDSA")) {
            return digest.jcaPrefix() + "withECDSA";
        }
        if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
            return "Ed25519"; // RFC 8419: the digest is SHA-512
        }
        return null;
    }

    private CMSSignedDataGenerator generator(SmimeCredential signer, Options options) throws Exception {
        X509Certificate cert = signer.certificate();
        ContentSigner cs = new JcaContentSignerBuilder(contentSignerAlgorithm(signer.privateKey(), options.digest()))
                .setProvider(Bc.PROVIDER).setSecureRandom(random).build(signer.privateKey());
        // RFC 8551 §2.5: signingTime, sMIMECapabilities and sMIMEEncryptionKeyPreference attributes.
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        attrs.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
        SMIMECapabilityVector caps = new SMIMECapabilityVector();
        caps.addCapability(CMSAlgorithm.AES256_GCM);
        caps.addCapability(CMSAlgorithm.AES128_GCM);
        caps.addCapability(SMIMECapability.aES256_CBC);
        caps.addCapability(SMIMECapability.aES128_CBC);
        attrs.add(new SMIMECapabilitiesAttribute(caps));
        attrs.add(new SMIMEEncryptionKeyPreferenceAttribute(new IssuerAndSerialNumber(
                X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()), cert.getSerialNumber())));
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                .build(cs, cert));
        List<X509Certificate> certs = new ArrayList<>();
        certs.add(cert);
        if (options.includeChain()) {
            certs.addAll(signer.chain());
        }
        gen.addCertificates(new JcaCertStore(certs));
        return gen;
    }

    /** Verifies what was just produced, so a key/certificate mismatch never leaves the server. */
    private static boolean selfCheck(CMSSignedData sd, byte[] content, X509Certificate cert) {
        try {
            CMSSignedData check = sd.isDetachedSignature()
                    ? new CMSSignedData(new CMSProcessableByteArray(content), sd.getEncoded())
                    : new CMSSignedData(sd.getEncoded());
            for (SignerInformation si : check.getSignerInfos().getSigners()) {
                if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER).build(cert.getPublicKey()))) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private byte[] detached(byte[] canonical, byte[] der, String micalg) {
        String b = MimeEntities.newBoundary(random, canonical);
        ByteArrayOutputStream out = new ByteArrayOutputStream(canonical.length + der.length * 2);
        ascii(out, "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";\r\n"
                + " micalg=" + micalg + "; boundary=\"" + b + "\"\r\n\r\n"
                + "This is a cryptographically signed message in MIME format.\r\n\r\n--" + b + "\r\n");
        out.writeBytes(canonical);
        ascii(out, "\r\n--" + b + "\r\n"
                + "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n"
                + "Content-Description: S/MIME Cryptographic Signature\r\n\r\n");
        out.writeBytes(MimeEntities.base64(der));
        ascii(out, "\r\n--" + b + "--\r\n");
        return out.toByteArray();
    }

    private static byte[] opaque(byte[] der) {
        return pkcs7Mime("signed-data", der);
    }

    /** An application/pkcs7-mime entity (RFC 8551 §3.2) holding base64 CMS. */
    static byte[] pkcs7Mime(String smimeType, byte[] der) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(der.length * 4 / 3 + 400);
        ascii(out, "Content-Type: application/pkcs7-mime; smime-type=" + smimeType + "; name=\"smime.p7m\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n");
        out.writeBytes(MimeEntities.base64(der));
        ascii(out, "\r\n");
        return out.toByteArray();
    }

    static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
