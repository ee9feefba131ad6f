package org.tegami.store;

/**
 * What the server keeps of a password: never the password itself.
 *
 * @param passwordHash Argon2id hash in PHC string format ($argon2id$v=19$m=...,t=...,p=...$salt$hash)
 * @param scramSha256 SCRAM-SHA-256 salted keys in RFC 5803 form: SCRAM-SHA-256$iter:salt$StoredKey:ServerKey
 * @param cramMd5 HMAC-MD5 inner/outer pad states (hex) for CRAM-MD5, or null when not enabled
 */
public record Credentials(String passwordHash, String scramSha256, String cramMd5) {

    @Override
    public String toString() {
        return "Credentials[hidden]"; // no secrets in logs
    }
}
