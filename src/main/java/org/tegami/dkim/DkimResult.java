package org.tegami.dkim;

import java.util.Locale;

/**
 * The verdict for one DKIM-Signature field (RFC 6376 §6.1, result names of RFC 8601 §2.7.1).
 *
 * @param status the verdict
 * @param reason one human-readable sentence (why it failed, or what passed)
 * @param domain the signing domain d= (lower case), or null when the field had none
 * @param selector s=, or null
 * @param algorithm a=, or null when missing or unknown
 * @param auid the agent or user identifier i= (defaults to "@" + d), or null
 * @param headerB the first {@value #HEADER_B_LENGTH} characters of b= (RFC 6008 header.b), or null
 * @param bodyLengthLimited true when l= left body content unsigned: anything after the first l
 *     octets of canonical body could have been appended by anyone (RFC 6376 §8.2)
 * @param testing true when the key record says t=y (the signer is testing DKIM, RFC 6376 §3.6.1)
 * @param keyBits the public key size in bits (RSA modulus; 256 for Ed25519), 0 when unknown
 */
public record DkimResult(Status status, String reason, String domain, String selector,
        DkimAlgorithm algorithm, String auid, String headerB, boolean bodyLengthLimited,
        boolean testing, int keyBits) {

    /** Characters of b= kept for header.b (RFC 6008 §4: at least 8). */
    public static final int HEADER_B_LENGTH = 12;

    /** RFC 8601 §2.7.1 dkim results (none is given only when a message has no signature). */
    public enum Status {
        PASS, FAIL, NEUTRAL, POLICY, TEMPERROR, PERMERROR, NONE;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromKeyword(String s) {
            for (Status st : values()) {
                if (st.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return st;
                }
            }
            return null;
        }
    }

    public boolean isPass() {
        return status == Status.PASS;
    }

    /** A copy with another status and reason (same evidence). */
    DkimResult with(Status s, String why) {
        return new DkimResult(s, why, domain, selector, algorithm, auid, headerB, bodyLengthLimited, testing, keyBits);
    }
}
