package org.tegami.mime;

import java.nio.charset.StandardCharsets;

/**
 * One header field as it appears in the message. {@code raw} holds the exact bytes from the first
 * byte of the name up to and excluding the final line break (folding kept), so DKIM and IMAP
 * HEADER.FIELDS can reproduce it byte for byte; {@code value} is the unfolded text after the colon
 * (not RFC 2047-decoded).
 */
public record HeaderField(String name, String value, byte[] raw) {

    public static HeaderField of(String name, String value) {
        return new HeaderField(name, value, (name + ": " + value).getBytes(StandardCharsets.UTF_8));
    }

    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The value decoded for display and matching (RFC 2047 encoded-words, UTF-8). */
    public String decodedValue() {
        return EncodedWords.decode(value);
    }
}
