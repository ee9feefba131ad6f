package org.tegami.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * One MIME entity with the byte offsets of its header and body inside the whole message, so IMAP
 * can answer BODY[1.2.MIME], BODY[TEXT], BINARY[3] by slicing the stored blob without parsing it
 * again (DESIGN.md, IMAP data model).
 *
 * @param headerStart offset of the first header byte of this entity
 * @param bodyStart offset of the first body byte (after the blank line)
 * @param end offset just past the body (the line break before a boundary is not part of the body)
 * @param bodyLines number of text lines in the body (IMAP body-fld-lines)
 * @param contentType explicit or defaulted content type (never null)
 * @param encoding Content-Transfer-Encoding, lower case, "7bit" when absent
 * @param children parts of a multipart, in order; empty otherwise
 * @param message the encapsulated message's root for message/rfc822 (and message/global); else null
 * @param envelope the encapsulated message's envelope when {@code message} is set
 */
public record MimePart(
        int headerStart,
        int bodyStart,
        int end,
        int bodyLines,
        ContentType contentType,
        String encoding,
        String contentId,
        String description,
        String md5,
        Disposition disposition,
        List<String> language,
        String location,
        List<MimePart> children,
        MimePart message,
        Envelope envelope) {

    public MimePart {
        children = List.copyOf(children);
        language = language == null ? null : List.copyOf(language);
    }

    public int bodySize() {
        return end - bodyStart;
    }

    public int headerSize() {
        return bodyStart - headerStart;
    }

    public boolean isMultipart() {
        return contentType.isMultipart() && !children.isEmpty();
    }

    /** The file name from Content-Disposition or the Content-Type "name" parameter, or null. */
    public String fileName() {
        String n = disposition == null ? null : disposition.param("filename");
        if (n == null) {
            n = contentType.param("name");
        }
        return n == null ? null : EncodedWords.decode(n);
    }

    /**
     * The part with an IMAP section number such as "1.2" (RFC 9051 §6.4.5), or null. For a
     * non-multipart entity, part 1 is the entity itself; numbers inside a message/rfc822 refer to
     * the encapsulated message's parts.
     */
    public MimePart section(int[] path) {
        MimePart p = this;
        for (int i = 0; i < path.length; i++) {
            int n = path[i];
            if (n < 1) {
                return null;
            }
            // The top-level entity is the message itself, even when it is message/rfc822.
            MimePart container = i > 0 && p.message != null ? p.message : p;
            if (container.isMultipart()) {
                if (n > container.children.size()) {
                    return null;
                }
                p = container.children.get(n - 1);
            } else if (n == 1 && (i == 0 || container != p)) {
                // RFC 9051 §6.4.5: a non-multipart message has only part 1 (itself); inside a
                // multipart, "N.1" exists only when part N is an encapsulated message.
                p = container;
            } else {
                return null;
            }
        }
        return p;
    }

    /** All leaf parts (not multipart), depth first; encapsulated messages included when asked. */
    public List<MimePart> leaves(boolean intoMessages) {
        List<MimePart> out = new ArrayList<>();
        collect(this, intoMessages, out);
        return out;
    }

    private static void collect(MimePart p, boolean intoMessages, List<MimePart> out) {
        if (p.isMultipart()) {
            for (MimePart c : p.children) {
                collect(c, intoMessages, out);
            }
        } else if (p.message != null && intoMessages) {
            collect(p.message, true, out);
        } else {
            out.add(p);
        }
    }
}
