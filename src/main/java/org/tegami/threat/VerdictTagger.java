package org.tegami.threat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.tegami.mime.Charsets;
import org.tegami.mime.EncodedWords;
import org.tegami.mime.HeaderField;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;

/**
 * Makes a verdict visible in the message the recipient gets: the {@code X-Tegami-Verdict} header
 * on every delivered message (forged copies from outside removed), and for {@link Action#TAG} a
 * subject prefix and a warning banner at the top of the text/plain and text/html bodies. The
 * banner is spliced into the existing body in its own charset and transfer encoding; other parts
 * and attachments keep their exact bytes.
 */
public final class VerdictTagger {

    public static final String VERDICT_HEADER = "X-Tegami-Verdict";
    public static final String WARNING_HEADER = "X-Tegami-Warning";

    private final ThreatPolicy policy;

    public VerdictTagger(ThreatPolicy policy) {
        this.policy = policy;
    }

    /** The X-Tegami-Verdict value, e.g. {@code action=tag; score=7.5; findings=a,b}. */
    public static String headerValue(Verdict v) {
        return v.headerValue();
    }

    /**
     * What delivery stores: the verdict header always; subject prefix and banner when the action
     * is TAG. Other actions (junk, quarantine) keep the content as it was.
     */
    public byte[] apply(byte[] message, Verdict v) {
        return rewrite(message, MimeParser.parse(message), v, v.action() == Action.TAG);
    }

    /** As {@link #apply(byte[], Verdict)} for a message already parsed ({@code parsed} must be of these bytes). */
    public byte[] apply(byte[] message, ParsedMessage parsed, Verdict v) {
        return rewrite(message, parsed, v, v.action() == Action.TAG);
    }

    /** Subject prefix, banner and verdict header, whatever the action. */
    public byte[] tag(byte[] message, Verdict v) {
        return rewrite(message, MimeParser.parse(message), v, true);
    }

    private byte[] rewrite(byte[] message, ParsedMessage parsed, Verdict v, boolean tag) {
        MessageRewriter w = new MessageRewriter(message);
        int headerEnd = parsed.root().bodyStart();
        // Only we write these: copies from outside are forged.
        removeFields(w, parsed, headerEnd, VERDICT_HEADER);
        removeFields(w, parsed, headerEnd, WARNING_HEADER);
        StringBuilder top = new StringBuilder();
        top.append(VERDICT_HEADER).append(": ").append(v.headerValue()).append(w.eol);
        if (tag && !v.findings().isEmpty()) {
            subject(w, parsed, headerEnd, top);
            boolean signed = signedOrEncrypted(parsed.root());
            if (signed) {
                // multipart/signed or S/MIME: changing any body byte would break the signature the
                // recipient's client verifies, so the warning goes into a header only.
                top.append(WARNING_HEADER).append(": ").append(fold(Banner.oneLine(v), w.eol)).append(w.eol);
            }
            // Inserted first: edits at the same offset keep their order, and headers come first.
            w.insert(0, top.toString().getBytes(StandardCharsets.UTF_8));
            if (!signed) {
                banners(w, message, parsed.root(), v);
            }
            return w.result();
        }
        w.insert(0, top.toString().getBytes(StandardCharsets.UTF_8));
        return w.result();
    }

    private static void removeFields(MessageRewriter w, ParsedMessage parsed, int headerEnd, String name) {
        int from = 0;
        for (HeaderField f : parsed.headers().all(name)) {
            int at = w.findField(f, from, headerEnd);
            if (at >= 0) {
                int end = w.lineEndAfter(at + f.raw().length, headerEnd);
                w.replace(at, end, new byte[0]);
                from = end;
            }
        }
    }

    /** Prefixes the Subject (RFC 2047 aware: the original encoded-words are kept as they are). */
    private void subject(MessageRewriter w, ParsedMessage parsed, int headerEnd, StringBuilder top) {
        String prefix = policy.subjectPrefix();
        if (prefix.isBlank()) {
            return;
        }
        String encodedPrefix = EncodedWords.encode(prefix);
        HeaderField s = parsed.headers().first("Subject");
        if (s == null) {
            top.append("Subject: ").append(encodedPrefix).append(w.eol);
            return;
        }
        if (s.decodedValue().strip().startsWith(prefix)) {
            return;
        }
        int at = w.findField(s, 0, headerEnd);
        if (at < 0) {
            return;
        }
        byte[] raw = s.raw();
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        int valueStart = colon + 1;
        while (valueStart < raw.length && (raw[valueStart] == ' ' || raw[valueStart] == '\t')) {
            valueStart++;
        }
        byte[] head = (s.name() + ": " + encodedPrefix + " ").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + raw.length - valueStart];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(raw, valueStart, out, head.length, raw.length - valueStart);
        w.replace(at, at + raw.length, out);
    }

    private static boolean signedOrEncrypted(MimePart p) {
        String t = p.contentType().mimeType();
        return t.equals("multipart/signed") || t.equals("multipart/encrypted") || t.equals("application/pkcs7-mime")
                || t.equals("application/x-pkcs7-mime");
    }

    /** Banners in the first text/plain and first text/html body parts (not attachments, not signed). */
    private static void banners(MessageRewriter w, byte[] message, MimePart root, Verdict v) {
        MimePart[] found = new MimePart[2];
        bodies(root, found, 0);
        for (int i = 0; i < found.length; i++) {
            MimePart p = found[i];
            if (p != null && (p.bodyStart() < 1 || message[p.bodyStart() - 1] != '\n' || p.bodyStart() <= p.headerStart())) {
                found[i] = null; // no header/body separator: there is no body to put a banner into
            }
        }
        if (found[0] != null) {
            banner(w, found[0], Banner.plain(v, w.eol), false);
        }
        if (found[1] != null) {
            banner(w, found[1], Banner.html(v, w.eol), true);
        }
    }

    private static void bodies(MimePart p, MimePart[] found, int depth) {
        if (depth > 40) {
            return;
        }
        if (p.isMultipart()) {
            if (signedOrEncrypted(p)) {
                return;
            }
            for (MimePart c : p.children()) {
                bodies(c, found, depth + 1);
            }
            return;
        }
        boolean attachment = p.disposition() != null && p.disposition().type().equals("attachment") || p.fileName() != null;
        if (attachment || p.message() != null) {
            return;
        }
        if (p.contentType().is("text", "plain") && found[0] == null) {
            found[0] = p;
        } else if (p.contentType().is("text", "html") && found[1] == null) {
            found[1] = p;
        }
    }

    private static void banner(MessageRewriter w, MimePart p, String bannerText, boolean html) {
        Charset cs = Charsets.forName(p.contentType().param("charset"), StandardCharsets.US_ASCII);
        if (!MessageRewriter.asciiCompatible(cs)) {
            return; // UTF-16 and the like: leave the body alone (the subject and header still warn)
        }
        String enc = p.encoding().toLowerCase(Locale.ROOT);
        byte[] bannerBytes = encode(bannerText, cs, enc.equals("7bit") || !known(enc));
        if (enc.equals("base64")) {
            byte[] body = w.decoded(p);
            int at = html ? afterBodyTag(body) : 0;
            byte[] merged = new byte[body.length + bannerBytes.length];
            System.arraycopy(body, 0, merged, 0, at);
            System.arraycopy(bannerBytes, 0, merged, at, bannerBytes.length);
            System.arraycopy(body, at, merged, at + bannerBytes.length, body.length - at);
            w.replace(p.bodyStart(), p.end(), trimFinalBreak(w.base64(merged), w));
        } else if (enc.equals("quoted-printable")) {
            byte[] raw = w.slice(p.bodyStart(), p.end());
            int at = html ? afterBodyTag(raw) : 0;
            byte[] qp = w.quotedPrintable(bannerBytes);
            String soft = "=" + w.eol;
            byte[] insert = at == 0 ? concat(qp, new byte[0]) : concat(soft.getBytes(StandardCharsets.US_ASCII), qp);
            if (at > 0 && !(at < raw.length && (raw[at] == '\r' || raw[at] == '\n'))) {
                insert = concat(insert, soft.getBytes(StandardCharsets.US_ASCII));
            }
            w.insert(p.bodyStart() + at, insert);
        } else {
            byte[] raw = w.slice(p.bodyStart(), p.end());
            int at = html ? afterBodyTag(raw) : 0;
            w.insert(p.bodyStart() + at, bannerBytes);
        }
    }

    private static boolean known(String enc) {
        return enc.equals("7bit") || enc.equals("8bit") || enc.equals("binary") || enc.equals("base64") || enc.equals("quoted-printable");
    }

    /** The body's base64 replaces [bodyStart, end), which excludes the final line break. */
    private static byte[] trimFinalBreak(byte[] b, MessageRewriter w) {
        int n = w.eol.length();
        return b.length >= n ? java.util.Arrays.copyOf(b, b.length - n) : b;
    }

    /** Text in the part's charset; non-encodable characters become '?', and all of 8-bit when it must stay 7-bit. */
    private static byte[] encode(String text, Charset cs, boolean sevenBit) {
        String t = text;
        if (sevenBit && !isIso2022(cs)) {
            StringBuilder sb = new StringBuilder(t.length());
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                sb.append(c < 0x80 ? c : Character.isLowSurrogate(c) ? "" : "?");
            }
            t = sb.toString();
        }
        CharsetEncoder e = cs.newEncoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            ByteBuffer bb = e.encode(CharBuffer.wrap(t));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException ex) {
            return t.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static boolean isIso2022(Charset cs) {
        return cs.name().toLowerCase(Locale.ROOT).contains("2022");
    }

    /** Offset just after the {@code <body ...>} tag, or 0 when there is none. */
    private static int afterBodyTag(byte[] html) {
        int n = Math.min(html.length, 256 * 1024);
        for (int i = 0; i + 5 <= n; i++) {
            if (html[i] == '<' && (html[i + 1] | 0x20) == 'b' && (html[i + 2] | 0x20) == 'o' && (html[i + 3] | 0x20) == 'd'
                    && (html[i + 4] | 0x20) == 'y' && (i + 5 == n || html[i + 5] == '>' || html[i + 5] == ' '
                    || html[i + 5] == '\t' || html[i + 5] == '\r' || html[i + 5] == '\n')) {
                for (int j = i + 5; j < n; j++) {
                    if (html[j] == '>') {
                        return j + 1;
                    }
                }
                return 0;
            }
        }
        return 0;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Folds a long header value at spaces so no line exceeds 78 characters. */
    static String fold(String value, String eol) {
        StringBuilder sb = new StringBuilder();
        int col = WARNING_HEADER.length() + 2;
        for (String word : value.split(" ")) {
            if (col + word.length() + 1 > 78 && col > 1) {
                sb.append(eol).append(' ');
                col = 1;
            } else if (sb.length() > 0) {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
        }
        return sb.toString();
    }
}
