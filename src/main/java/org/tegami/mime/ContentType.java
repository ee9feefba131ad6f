package org.tegami.mime;

import java.util.List;
import java.util.Locale;

/**
 * A parsed Content-Type (RFC 2045 §5) or Content-Disposition (RFC 2183): lower-case type and
 * subtype, parameters in order with names lower-cased and RFC 2231 continuations/charsets decoded.
 */
public record ContentType(String type, String subtype, List<Param> params) {

    public record Param(String name, String value) {}

    public static final ContentType TEXT_PLAIN =
            new ContentType("text", "plain", List.of(new Param("charset", "us-ascii")));
    public static final ContentType MESSAGE_RFC822 = new ContentType("message", "rfc822", List.of());

    public ContentType {
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        params = List.copyOf(params);
    }

    public String param(String name) {
        for (Param p : params) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    public boolean is(String t, String s) {
        return type.equals(t) && subtype.equals(s);
    }

    public boolean isMultipart() {
        return type.equals("multipart");
    }

    /** message/rfc822 and message/global (RFC 6532) hold a whole message. */
    public boolean isMessage() {
        return type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"));
    }

    public String mimeType() {
        return type + "/" + subtype;
    }

    /** Parses a Content-Type value; a malformed one yields null (callers use the default). */
    public static ContentType parse(String value) {
        return HeaderParams.parseContentType(value);
    }
}
