package org.tegami.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tegami.mime.ContentType;
import org.tegami.mime.Disposition;
import org.tegami.mime.MimePart;

/**
 * Writes BODYSTRUCTURE and BODY (RFC 9051 §7.5.2, "body" in §9) from the cached {@link MimePart}
 * tree, without the message: type, subtype, parameters, id, description, encoding, size, lines
 * for text/*, envelope + body + lines for message/rfc822 (and message/global), and — for
 * BODYSTRUCTURE only — the extension data: md5, disposition, language, location; for multiparts
 * parameters, disposition, language, location.
 *
 * <p>Details follow Dovecot where RFC 9051 leaves room: a text part without a charset parameter
 * gets ("charset" "us-ascii") appended (RFC 2045 §5.2 default); a multipart without parts is shown with one
 * empty text/plain part, since the grammar needs at least one. Parameter values are written as
 * decoded (RFC 2231); a non-ASCII value goes back to RFC 2231 form ({@code name*} =
 * {@code utf-8''%xx}) unless the client enabled UTF-8.
 */
public final class BodyStructureRenderer {

    /** Parts nested deeper than this are shown as opaque (MimeParser stops earlier anyway). */
    static final int MAX_DEPTH = 64;

    private static final List<ContentType.Param> DEFAULT_TEXT_PARAMS =
            List.of(new ContentType.Param("charset", "us-ascii"));

    private BodyStructureRenderer() {}

    /** @param extensible true for BODYSTRUCTURE, false for BODY */
    public static void write(ImapWriter w, MimePart part, boolean extensible) {
        body(w, part, extensible, 0);
    }

    /** The structure as text (tests and logs). */
    public static String render(MimePart part, boolean extensible, boolean utf8) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImapWriter w = new ImapWriter(out).utf8(utf8);
        write(w, part, extensible);
        w.flushQuietly();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void body(ImapWriter w, MimePart p, boolean ext, int depth) {
        w.open();
        ContentType ct = p.contentType();
        if (ct.isMultipart() && depth < MAX_DEPTH) {
            multipart(w, p, ext, depth);
        } else {
            single(w, p, ext, depth);
        }
        w.close();
    }

    /** body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]. */
    private static void multipart(ImapWriter w, MimePart p, boolean ext, int depth) {
        if (p.children().isEmpty()) {
            emptyText(w, ext);
        }
        for (MimePart c : p.children()) {
            body(w, c, ext, depth + 1);
        }
        w.sp().string(p.contentType().subtype());
        if (ext) {
            // body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
            w.sp();
            params(w, p.contentType().params());
            w.sp();
            disposition(w, p.disposition());
            w.sp();
            language(w, p.language());
            w.sp().nstring(p.location());
        }
    }

    /** body-type-basic / body-type-msg / body-type-text [SP body-ext-1part]. */
    private static void single(ImapWriter w, MimePart p, boolean ext, int depth) {
        ContentType ct = p.contentType();
        w.string(ct.type()).sp().string(ct.subtype()).sp();
        List<ContentType.Param> params = ct.params();
        if (ct.type().equals("text") && ct.param("charset") == null) {
            params = new java.util.ArrayList<>(params);
            params.addAll(DEFAULT_TEXT_PARAMS); // RFC 2045 §5.2 default, appended as Dovecot does
        }
        // body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets
        params(w, params);
        w.sp().nstring(p.contentId());
        w.sp().nstring(p.description());
        w.sp().string(p.encoding());
        w.sp().number(p.bodySize());
        if (p.message() != null && p.envelope() != null && depth < MAX_DEPTH) {
            // body-type-msg: ... SP envelope SP body SP body-fld-lines
            w.sp();
            EnvelopeRenderer.write(w, p.envelope());
            w.sp();
            body(w, p.message(), ext, depth + 1);
            w.sp().number(p.bodyLines());
        } else if (ct.is("message", "rfc822")) {
            // Not parsed (a transfer encoding RFC 2046 §5.2.1 forbids, or too deep): the grammar
            // still needs an envelope and a body, so send empty ones, as Dovecot does.
            w.raw(" (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ");
            emptyText(w, ext);
            w.sp().number(p.bodyLines());
        } else if (ct.type().equals("text")) {
            w.sp().number(p.bodyLines());
        }
        if (ext) {
            // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
            w.sp().nstring(p.md5());
            w.sp();
            disposition(w, p.disposition());
            w.sp();
            language(w, p.language());
            w.sp().nstring(p.location());
        }
    }

    /** An empty text/plain body: the stand-in where the grammar needs a body and there is none. */
    private static void emptyText(ImapWriter w, boolean ext) {
        w.raw(ext ? "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)"
                : "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)");
    }

    /** body-fld-param = "(" string SP string *(SP string SP string) ")" / nil. */
    private static void params(ImapWriter w, List<ContentType.Param> params) {
        if (params.isEmpty()) {
            w.nil();
            return;
        }
        w.open();
        for (int i = 0; i < params.size(); i++) {
            ContentType.Param p = params.get(i);
            if (i > 0) {
                w.sp();
            }
            if (w.utf8() || isAscii(p.value())) {
                w.string(p.name()).sp().string(p.value());
            } else {
                w.string(p.name() + "*").sp().string(rfc2231(p.value()));
            }
        }
        w.close();
    }

    /** body-fld-dsp = "(" string SP body-fld-param ")" / nil. */
    private static void disposition(ImapWriter w, Disposition d) {
        if (d == null) {
            w.nil();
            return;
        }
        w.open().string(d.type()).sp();
        params(w, d.params());
        w.close();
    }

    /** body-fld-lang = nstring / "(" string *(SP string) ")"; always the list form, as Dovecot. */
    private static void language(ImapWriter w, List<String> lang) {
        if (lang == null || lang.isEmpty()) {
            w.nil();
        } else {
            w.open();
            for (int i = 0; i < lang.size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.string(lang.get(i));
            }
            w.close();
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** RFC 2231 §4 extended value: charset''percent-encoded octets. */
    static String rfc2231(String value) {
        StringBuilder sb = new StringBuilder("utf-8''");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (plain) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
