package org.tegami.keys;

import java.util.Map;
import org.tegami.config.CryptoConfig;
import org.tegami.cryptomail.CryptoGateway.EncryptPolicy;
import org.tegami.cryptomail.CryptoGateway.SignPolicy;
import org.tegami.store.KeyStore;

/**
 * The gateway policy in force for one account: each setting from the account, else its domain,
 * else the [crypto] defaults (issue 7: "per domain, overridable per account").
 *
 * @param decrypt decrypt inbound mail with the account's deposited private keys (opt-in, default off)
 * @param atRestKey fingerprint of the key the account's stored mail is encrypted to, or null
 * @param signFrom where {@code sign} came from: the account address, the domain, or "config"
 * @param encryptFrom where {@code encrypt} came from
 */
public record Policy(SignPolicy sign, EncryptPolicy encrypt, boolean decrypt, String atRestKey, String signFrom,
        String encryptFrom, String decryptFrom) {

    /** Nothing to do for this account's outbound mail. */
    public boolean outboundOff() {
        return sign == SignPolicy.NEVER && encrypt == EncryptPolicy.NEVER;
    }

    /** Resolves the policy of {@code address} (canonical) from the stored settings and the config. */
    public static Policy resolve(String address, Map<String, KeyStore.Settings> settings, CryptoConfig config) {
        String domain = address.substring(address.lastIndexOf('@') + 1);
        KeyStore.Settings acct = settings.getOrDefault(address, KeyStore.Settings.empty(address));
        KeyStore.Settings dom = settings.getOrDefault(domain, KeyStore.Settings.empty(domain));
        SignPolicy sign = config.sign();
        String signFrom = "config";
        if (acct.sign() != null && CryptoConfig.signPolicy(acct.sign()) != null) {
            sign = CryptoConfig.signPolicy(acct.sign());
            signFrom = address;
        } else if (dom.sign() != null && CryptoConfig.signPolicy(dom.sign()) != null) {
            sign = CryptoConfig.signPolicy(dom.sign());
            signFrom = domain;
        }
        EncryptPolicy encrypt = config.encrypt();
        String encryptFrom = "config";
        if (acct.encrypt() != null && CryptoConfig.encryptPolicy(acct.encrypt()) != null) {
            encrypt = CryptoConfig.encryptPolicy(acct.encrypt());
            encryptFrom = address;
        } else if (dom.encrypt() != null && CryptoConfig.encryptPolicy(dom.encrypt()) != null) {
            encrypt = CryptoConfig.encryptPolicy(dom.encrypt());
            encryptFrom = domain;
        }
        boolean decrypt = false;
        String decryptFrom = "default";
        if (acct.decrypt() != null) {
            decrypt = acct.decrypt();
            decryptFrom = address;
        } else if (dom.decrypt() != null) {
            decrypt = dom.decrypt();
            decryptFrom = domain;
        }
        return new Policy(sign, encrypt, decrypt, acct.atRestKey(), signFrom, encryptFrom, decryptFrom);
    }
}
