package org.tegami.config;

import java.util.List;
import org.tegami.cryptomail.CryptoGateway.EncryptPolicy;
import org.tegami.cryptomail.CryptoGateway.SignPolicy;

/**
 * [crypto] — S/MIME and OpenPGP at the server (issue 7). Per-domain and per-account settings
 * made with {@code tegami crypto policy set} override {@code sign} and {@code encrypt}.
 *
 * @param sealKeyFile the server key that seals private keys in the database: 32 random bytes, mode
 *     0600, created on first use. Default (empty): {@code DATA/seal.key}. Put it outside the data
 *     directory (e.g. /etc/tegami/seal.key) so that a copy of the data directory alone reveals no
 *     private key.
 * @param sign default outbound signing policy for submitted mail: "never" (default) or "always"
 * @param encrypt default outbound encryption policy: "never" (default), "when-possible" or "required"
 * @param keepOriginal when an account decrypts inbound mail, also keep the encrypted original (default false)
 * @param crlFiles certificate revocation lists (PEM or DER files) checked on S/MIME chains; never fetched
 * @param verifyInbound verify S/MIME/OpenPGP signatures of mail from outside and add an
 *     X-Tegami-Signature header (default true); a header from outside is removed either way
 * @param harvest remember the certificates and keys of validly signed inbound mail as unverified
 *     keys of the sender (default true)
 */
public record CryptoConfig(
        String sealKeyFile,
        SignPolicy sign,
        EncryptPolicy encrypt,
        boolean keepOriginal,
        List<String> crlFiles,
        boolean verifyInbound,
        boolean harvest) {

    public CryptoConfig {
        crlFiles = List.copyOf(crlFiles);
    }

    static CryptoConfig from(Section s) throws ConfigException {
        String sealKey = s.string("seal_key_file", "");
        return new CryptoConfig(
                sealKey.isBlank() ? null : sealKey,
                signPolicy(s.choice("sign", "never", "never", "always")),
                encryptPolicy(s.choice("encrypt", "never", "never", "when-possible", "required")),
                s.bool("keep_original", false),
                s.strings("crl_files", List.of()),
                s.bool("verify_inbound", true),
                s.bool("harvest", true));
    }

    /** "never" | "always" -> the policy; null for anything else. */
    public static SignPolicy signPolicy(String word) {
        return switch (word == null ? "" : word) {
            case "never" -> SignPolicy.NEVER;
            case "always" -> SignPolicy.ALWAYS;
            default -> null;
        };
    }

    /** "never" | "when-possible" | "required" -> the policy; null for anything else. */
    public static EncryptPolicy encryptPolicy(String word) {
        return switch (word == null ? "" : word) {
            case "never" -> EncryptPolicy.NEVER;
            case "when-possible" -> EncryptPolicy.WHEN_POSSIBLE;
            case "required" -> EncryptPolicy.REQUIRED;
            default -> null;
        };
    }

    /** The config word of a policy (inverse of {@link #signPolicy} / {@link #encryptPolicy}). */
    public static String word(Enum<?> policy) {
        return policy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
