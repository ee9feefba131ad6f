package org.tegami.smime;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.tegami.mime.MimeEntities;

/**
 * Encrypts MIME entities for S/MIME recipients (RFC 8551 §3.3): AES-GCM in authEnveloped-data
 * (RFC 5083, RFC 8551 §2.7 MUST) or AES-CBC in enveloped-data (RFC 5652 §6) for older clients.
 * RSA recipients get RSA-OAEP (RFC 3560) or PKCS #1 v1.5 key transport; EC recipients ECDH
 * ephemeral-static key agreement with the SHA-256 KDF and AES key wrap (RFC 5753 §3.1).
 */
public final class SmimeEncryptor {

    /** Encryption choices; {@link #DEFAULT} is AES-256-GCM with RSA-OAEP. */
    public record Options(SmimeAlgorithms.Cipher cipher, SmimeAlgorithms.KeyTransport rsaTransport) {
        public static final Options DEFAULT = new Options(SmimeAlgorithms.Cipher.AES256_GCM,
                SmimeAlgorithms.KeyTransport.RSA_OAEP_SHA256);
        /**
         * For clients that read only enveloped-data with PKCS #1 v1.5 key transport: encryption at
         * rest, where the stored copy must open in every mail client and there is no online
         * decryption oracle for padding attacks.
         */
        public static final Options COMPATIBLE = new Options(SmimeAlgorithms.Cipher.AES256_CBC,
                SmimeAlgorithms.KeyTransport.RSA_PKCS1_V15);
    }

    /** The outcome of encrypting. */
    public sealed interface Result {
        /** The application/pkcs7-mime entity (or whole message, for {@link #encryptMessage}). */
        record Encrypted(byte[] bytes, String smimeType) implements Result {}

        /** Not encrypted, and why (no recipients, unusable or expired certificate). */
        record Refused(String reason) implements Result {}
    }

    private final Clock clock;
    private final SecureRandom random;

    public SmimeEncryptor(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** Encrypts a whole message; From/To/Subject and the other non-Content fields stay outside. */
    public Result encryptMessage(byte[] message, List<X509Certificate> recipients, Options options) {
        MimeEntities.Split split = MimeEntities.split(message);
        Result r = encrypt(split.entity(), recipients, options);
        if (r instanceof Result.Encrypted e) {
            return new Result.Encrypted(MimeEntities.join(split.outerHeaders(), e.bytes()), e.smimeType());
        }
        return r;
    }

    /** Encrypts one MIME entity to every recipient certificate. */
    public Result encrypt(byte[] entity, List<X509Certificate> recipients, Options options) {
        if (recipients.isEmpty()) {
            return new Result.Refused("no recipient certificates");
        }
        for (X509Certificate c : recipients) {
            String problem = recipientProblem(c, clock.instant());
            if (problem != null) {
                return new Result.Refused("cannot encrypt to " + Certificates.describe(c).displayName() + ": " + problem);
            }
        }
        byte[] content = MimeEntities.toCrlf(entity);
        try {
            JceCMSContentEncryptorBuilder eb = new JceCMSContentEncryptorBuilder(options.cipher().oid())
                    .setProvider(Bc.PROVIDER).setSecureRandom(random);
            byte[] der;
            if (options.cipher().authenticated()) {
                CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
                for (X509Certificate c : recipients) {
                    gen.addRecipientInfoGenerator(recipientInfo(c, options));
                }
                der = gen.generate(new CMSProcessableByteArray(content), (OutputAEADEncryptor) eb.build()).getEncoded();
            } else {
                CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
                for (X509Certificate c : recipients) {
                    gen.addRecipientInfoGenerator(recipientInfo(c, options));
                }
                der = gen.generate(new CMSProcessableByteArray(content), eb.build()).getEncoded();
            }
            // RFC 8551 §3.2.2: authEnveloped-data is its own smime-type.
            String type = options.cipher().authenticated() ? "authEnveloped-data" : "enveloped-data";
            return new Result.Encrypted(SmimeSigner.pkcs7Mime(type, der), type);
        } catch (Exception e) {
            return new Result.Refused("encryption failed: " + Certificates.message(e));
        }
    }

    /**
     * Why a certificate cannot be encrypted to at {@code now} (not valid then, weak or unsuitable
     * key, key usage or extended key usage not allowing e-mail encryption), or null if it can.
     */
    public static String recipientProblem(X509Certificate c, Instant now) {
        if (now.isAfter(c.getNotAfter().toInstant()) || now.isBefore(c.getNotBefore().toInstant())) {
            return "the certificate is not valid now (valid " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant() + ")";
        }
        String weak = Certificates.weakKey(c.getPublicKey());
        if (weak != null) {
            return weak;
        }
        if (!(c.getPublicKey() instanceof RSAPublicKey) && !(c.getPublicKey() instanceof ECPublicKey)) {
            return "its " + c.getPublicKey().getAlgorithm() + " key cannot be used for encryption";
        }
        String usage = ChainValidator.usageProblem(c, ChainValidator.Purpose.ENCRYPTION);
        return usage == null ? null : "the certificate " + usage;
    }

    private RecipientInfoGenerator recipientInfo(X509Certificate c, Options options) throws Exception {
        if (c.getPublicKey() instanceof ECPublicKey ec) {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
            kpg.initialize(ec.getParams(), random);
            KeyPair eph = kpg.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, eph.getPrivate(), eph.getPublic(),
                    CMSAlgorithm.AES256_WRAP).addRecipient(c).setProvider(Bc.PROVIDER).setSecureRandom(random);
        }
        if (options.rsaTransport() == SmimeAlgorithms.KeyTransport.RSA_OAEP_SHA256) {
            AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(
                    PKCSObjectIdentifiers.id_RSAES_OAEP,
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            return new JceKeyTransRecipientInfoGenerator(c, oaep).setProvider(Bc.PROVIDER);
        }
        return new JceKeyTransRecipientInfoGenerator(c).setProvider(Bc.PROVIDER);
    }
}
