package org.tegami.smime;

/**
 * Walks BER/DER TLV headers iteratively before Bouncy Castle parses them recursively, so hostile
 * input (thousands of nested constructed values, lengths beyond the buffer) gets a defined answer
 * instead of a {@link StackOverflowError} or an allocation of a claimed length (X.690 §8.1).
 */
final class Asn1Guard {

    /** CMS structures nest about a dozen levels; certificates inside them add a few more. */
    static final int MAX_DEPTH = 48;

    private Asn1Guard() {}

    /** Null when the encoding is structurally acceptable, otherwise why not. */
    static String check(byte[] der) {
        if (der.length < 2) {
            return "the CMS structure is empty or truncated";
        }
        int[] ends = new int[MAX_DEPTH + 2];
        int depth = 0;
        ends[0] = der.length;
        int pos = 0;
        while (pos < der.length) {
            while (depth > 0 && ends[depth] != -1 && pos >= ends[depth]) {
                depth--; // definite-length container finished
            }
            if (pos + 1 < der.length && der[pos] == 0 && der[pos + 1] == 0 && depth > 0 && ends[depth] == -1) {
                pos += 2; // end-of-contents of an indefinite-length container
                depth--;
                continue;
            }
            int tagByte = der[pos++] & 0xff;
            if ((tagByte & 0x1f) == 0x1f) { // high tag number form
                int n = 0;
                while (pos < der.length && (der[pos] & 0x80) != 0) {
                    pos++;
                    if (++n > 4) {
                        return "an ASN.1 tag is too long";
                    }
                }
                pos++;
            }
            if (pos >= der.length) {
                return "the CMS structure is truncated";
            }
            int lenByte = der[pos++] & 0xff;
            boolean constructed = (tagByte & 0x20) != 0;
            long len;
            if (lenByte == 0x80) {
                if (!constructed) {
                    return "an ASN.1 primitive value has an indefinite length";
                }
                len = -1;
            } else if (lenByte > 0x80) {
                int n = lenByte & 0x7f;
                if (n > 4 || pos + n > der.length) {
                    return "the CMS structure is truncated";
                }
                len = 0;
                for (int k = 0; k < n; k++) {
                    len = (len << 8) | (der[pos++] & 0xff);
                }
            } else {
                len = lenByte;
            }
            int limit = depth == 0 ? der.length : (ends[depth] == -1 ? der.length : ends[depth]);
            if (len > limit - pos) {
                return "the CMS structure is truncated: a length points past its end";
            }
            if (constructed) {
                if (++depth > MAX_DEPTH) {
                    return "the CMS structure is nested too deeply";
                }
                ends[depth] = len < 0 ? -1 : (int) (pos + len);
            } else {
                pos += (int) len;
            }
        }
        while (depth > 0 && ends[depth] != -1 && pos >= ends[depth]) {
            depth--;
        }
        return depth > 0 ? "the CMS structure is truncated" : null;
    }
}
