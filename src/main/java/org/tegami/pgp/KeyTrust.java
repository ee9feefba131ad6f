package org.tegami.pgp;

/**
 * How a public key came to be in the keyring. There are no trust signatures to compute here: the
 * person who put a key in decides, and a key learned from mail is never promoted by itself.
 */
public enum KeyTrust {
    /** Imported by an administrator or by the account's owner: signatures by it "pass". */
    VERIFIED,
    /** Learned from signed mail (attached key, Autocrypt header): valid signatures are "untrusted". */
    UNVERIFIED
}
