package org.tegami.smime;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.tegami.mime.MimeEntities;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;

/**
 * Decrypts S/MIME enveloped-data (RFC 5652 §6) and authEnveloped-data (RFC 5083), and describes
 * an encrypted message without a key (cipher, recipients) for inspection. Weak content ciphers
 * (RC2, DES, 3DES) are decrypted but flagged (RFC 8551 §2.7).
 */
public final class SmimeDecryptor {

    /** What an encrypted S/MIME object reveals without a key. */
    public record Envelope(boolean authenticated, String cipher, boolean weakCipher, List<String> recipients,
            List<String> keyEncryption) {
        public Envelope {
            recipients = List.copyOf(recipients);
            keyEncryption = List.copyOf(keyEncryption);
        }
    }

    /** The outcome of decrypting. */
    public sealed interface Result {
        /** The inner MIME entity (CRLF) and how it was protected. */
        record Decrypted(byte[] entity, Envelope envelope, X509Certificate recipient, List<String> weakAlgorithms)
                implements Result {}

        /** There is no enveloped or authEnveloped S/MIME entity. */
        record NotEncrypted() implements Result {}

        /** None of the given keys is a recipient. */
        record NoMatchingKey(Envelope envelope) implements Result {}

        /** Damaged, truncated or tampered data, or a key that does not work. */
        record Failed(String reason, Envelope envelope) implements Result {}
    }

    public SmimeDecryptor() {}

    /** Finds the encrypted S/MIME entity of a message and decrypts it with the first key that fits. */
    public Result decryptMessage(byte[] message, List<SmimeCredential> keys) {
        try {
            ParsedMessage parsed = MimeParser.parse(message);
            SmimeStructure s = SmimeStructure.find(parsed, message);
            if (s == null || !s.encrypted()) {
                return new Result.NotEncrypted();
            }
            return decrypt(s.cmsBytes(message), keys);
        } catch (RuntimeException e) {
            return new Result.Failed("the encrypted message could not be read: " + Certificates.message(e), null);
        }
    }

    /** Describes the envelope of CMS bytes; null when they are not enveloped or authEnveloped data. */
    public Envelope describe(byte[] der) {
        try {
            Parsed p = parse(der);
            return p == null ? null : p.envelope;
        } catch (Exception e) {
            return null;
        }
    }

    /** Decrypts CMS enveloped-data or authEnveloped-data bytes. */
    public Result decrypt(byte[] der, List<SmimeCredential> keys) {
        try {
            return decryptParsed(der, keys);
        } catch (RuntimeException e) {
            // Bouncy Castle parses CMS lazily and reports malformed parts with unchecked exceptions.
            return new Result.Failed("the encrypted data is damaged: " + Certificates.message(e), null);
        }
    }

    private Result decryptParsed(byte[] der, List<SmimeCredential> keys) {
        String bad = Asn1Guard.check(der);
        if (bad != null) {
            return new Result.Failed(bad, null);
        }
        Parsed p;
        try {
            p = parse(der);
        } catch (Exception e) {
            return new Result.Failed("the encrypted data is damaged: " + Certificates.message(e), null);
        }
        if (p == null) {
            return new Result.NotEncrypted();
        }
        for (RecipientInformation ri : p.recipients.getRecipients()) {
            for (SmimeCredential key : keys) {
                if (!matches(ri.getRID(), key.certificate())) {
                    continue;
                }
                try {
                    byte[] content = ri.getContent(recipient(ri, key.privateKey(), p.envelope.authenticated()));
                    List<String> weak = p.envelope.weakCipher() ? List.of(p.envelope.cipher()) : List.of();
                    return new Result.Decrypted(MimeEntities.toCrlf(content), p.envelope, key.certificate(), weak);
                } catch (Exception e) {
                    return new Result.Failed(p.envelope.authenticated()
                            ? "the message could not be decrypted: it was altered or damaged (" + Certificates.message(e) + ")"
                            : "the message could not be decrypted: " + Certificates.message(e), p.envelope);
                }
            }
        }
        return new Result.NoMatchingKey(p.envelope);
    }

    private record Parsed(RecipientInformationStore recipients, Envelope envelope) {}

    private static Parsed parse(byte[] der) throws Exception {
        ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
        RecipientInformationStore store;
        String cipherOid;
        boolean auth;
        if (ci.getContentType().equals(CMSObjectIdentifiers.envelopedData)) {
            CMSEnvelopedData ed = new CMSEnvelopedData(ci);
            store = ed.getRecipientInfos();
            cipherOid = ed.getEncryptionAlgOID();
            auth = false;
        } else if (ci.getContentType().equals(CMSObjectIdentifiers.authEnvelopedData)) {
            CMSAuthEnvelopedData ed = new CMSAuthEnvelopedData(ci);
            store = ed.getRecipientInfos();
            cipherOid = ed.getEncryptionAlgOID();
            auth = true;
        } else {
            return null;
        }
        List<String> recipients = new ArrayList<>();
        List<String> keyEnc = new ArrayList<>();
        for (RecipientInformation ri : store.getRecipients()) {
            recipients.add(describe(ri.getRID()));
            String alg = SmimeAlgorithms.name(ri.getKeyEncryptionAlgOID());
            if (!keyEnc.contains(alg)) {
                keyEnc.add(alg);
            }
        }
        return new Parsed(store, new Envelope(auth, SmimeAlgorithms.name(cipherOid), SmimeAlgorithms.isWeak(cipherOid),
                recipients, keyEnc));
    }

    private static boolean matches(RecipientId rid, X509Certificate cert) {
        try {
            return rid.match(new X509CertificateHolder(cert.getEncoded()));
        } catch (Exception e) {
            return false;
        }
    }

    private static Recipient recipient(RecipientInformation ri, PrivateKey key, boolean auth) {
        if (ri instanceof KeyTransRecipientInformation) {
            return auth ? new JceKeyTransAuthEnvelopedRecipient(key).setProvider(Bc.PROVIDER)
                    : new JceKeyTransEnvelopedRecipient(key).setProvider(Bc.PROVIDER);
        }
        if (ri instanceof KeyAgreeRecipientInformation) {
            return auth ? new JceKeyAgreeAuthEnvelopedRecipient(key).setProvider(Bc.PROVIDER)
                    : new JceKeyAgreeEnvelopedRecipient(key).setProvider(Bc.PROVIDER);
        }
        throw new IllegalArgumentException("unsupported recipient type " + ri.getClass().getSimpleName());
    }

    static String describe(RecipientId rid) {
        if (rid instanceof KeyTransRecipientId k) {
            return k.getIssuer() != null ? k.getIssuer() + ", serial " + k.getSerialNumber().toString(16)
                    : "subject key id " + HexFormat.of().formatHex(k.getSubjectKeyIdentifier());
        }
        if (rid instanceof KeyAgreeRecipientId k) {
            return k.getIssuer() != null ? k.getIssuer() + ", serial " + k.getSerialNumber().toString(16)
                    : "subject key id " + HexFormat.of().formatHex(k.getSubjectKeyIdentifier());
        }
        return rid.getClass().getSimpleName();
    }
}
