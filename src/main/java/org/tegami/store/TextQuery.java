package org.tegami.store;

/**
 * A substring search in the indexed text of messages (case-insensitive).
 *
 * @param header the header field name for {@link Where#HEADER}, else null
 * @param needle the text to find; "" with HEADER matches every message that has the field
 */
public record TextQuery(Where where, String header, String needle) {

    /** Which text: one header field, the body text, or everything (headers and body). */
    public enum Where { HEADER, BODY, TEXT }
}
