package org.tegami.cryptomail;

import java.util.List;
import org.tegami.pgp.PgpSecretKey;
import org.tegami.smime.SmimeCredential;

/**
 * The private keys an account deposited (opt-in), unsealed for one operation: S/MIME credentials
 * and OpenPGP secret keys with their passphrases.
 */
public record DecryptionKeys(List<SmimeCredential> smime, List<PgpSecretKey> pgp) {

    public static final DecryptionKeys NONE = new DecryptionKeys(List.of(), List.of());

    public DecryptionKeys {
        smime = List.copyOf(smime);
        pgp = List.copyOf(pgp);
    }

    public boolean isEmpty() {
        return smime.isEmpty() && pgp.isEmpty();
    }
}
