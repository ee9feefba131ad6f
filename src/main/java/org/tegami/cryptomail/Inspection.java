package org.tegami.cryptomail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code tegami crypto inspect} reports about one message. The first six fields are the
 * CLI's JSON contract; {@link Details} carries the evidence.
 *
 * @param type "smime", "pgp" or "none"
 * @param signed whether a signature was found (inside the encryption too, once decrypted)
 * @param encrypted whether the message (or its protected part) is encrypted
 * @param signature "pass", "fail", "untrusted", "unknown-key" or "none"
 * @param signer who signed, when known: an e-mail address or certificate subject (S/MIME), a user
 *     ID with the key fingerprint (OpenPGP), or the key ID of an unknown key; else null
 * @param reason one English sentence explaining the outcome
 */
public record Inspection(String type, boolean signed, boolean encrypted, String signature, String signer, String reason,
        Details details) {

    public static final String SMIME = "smime";
    public static final String PGP = "pgp";
    public static final String NONE = "none";

    /**
     * The evidence behind the verdict; fields are null when they do not apply.
     *
     * @param format how the protection is carried, e.g. "multipart/signed", "application/pkcs7-mime;
     *     smime-type=authEnveloped-data", "multipart/encrypted", "inline"
     * @param wholeMessage false when only a part of the message is signed or encrypted
     * @param signerMatchesFrom whether the signer's certificate or key names the From address
     * @param decrypted true when a key was available and decryption succeeded
     * @param weakAlgorithms retired algorithms seen (SHA-1, 3DES, small RSA keys...)
     * @param notes further facts (revocation not checked, nested structure, ...)
     */
    public record Details(
            String format,
            boolean wholeMessage,
            String signerFingerprint,
            Boolean signerMatchesFrom,
            String signingTime,
            String digestAlgorithm,
            String signatureAlgorithm,
            String encryptionAlgorithm,
            List<String> keyEncryption,
            List<String> recipients,
            Boolean decrypted,
            List<String> weakAlgorithms,
            List<String> notes) {

        public Details {
            keyEncryption = keyEncryption == null ? List.of() : List.copyOf(keyEncryption);
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
            weakAlgorithms = weakAlgorithms == null ? List.of() : List.copyOf(weakAlgorithms);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        static Details empty() {
            return new Details(null, true, null, null, null, null, null, null, null, null, null, null, null);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", format);
            m.put("wholeMessage", wholeMessage);
            m.put("signerFingerprint", signerFingerprint);
            m.put("signerMatchesFrom", signerMatchesFrom);
            m.put("signingTime", signingTime);
            m.put("digestAlgorithm", digestAlgorithm);
            m.put("signatureAlgorithm", signatureAlgorithm);
            m.put("encryptionAlgorithm", encryptionAlgorithm);
            m.put("keyEncryption", keyEncryption);
            m.put("recipients", recipients);
            m.put("decrypted", decrypted);
            m.put("weakAlgorithms", weakAlgorithms);
            m.put("notes", notes);
            return m;
        }
    }

    public Inspection {
        details = details == null ? Details.empty() : details;
    }

    /** One JSON object: type, signed, encrypted, signature, signer, reason, details. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("signed", signed);
        m.put("encrypted", encrypted);
        m.put("signature", signature);
        m.put("signer", signer);
        m.put("reason", reason);
        m.put("details", details.toMap());
        return Json.object(m);
    }
}
