package org.tegami.threat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.HeaderField;
import org.tegami.mime.Headers;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;

/**
 * Removes active content from HTML mail with a jsoup {@link Safelist}: scripts, event handlers,
 * forms, iframes/objects/embeds, javascript: and data: URLs and CSS are dropped; text, tables,
 * images and http(s)/mailto links stay (links get rel="noopener noreferrer nofollow"). Optional,
 * per domain: the pipeline applies it to the delivered copy while quarantine keeps the original.
 * Parts inside multipart/signed are left alone (their signature would break).
 */
public final class HtmlNeutralizer {

    private final Safelist safelist;

    /** @param allowRemoteImages false to also drop images loaded from the network (tracking pixels) */
    public HtmlNeutralizer(boolean allowRemoteImages) {
        Safelist s = Safelist.relaxed()
                .addTags("font", "center", "hr")
                .addAttributes(":all", "align", "valign", "bgcolor", "width", "height", "dir", "lang", "title")
                .addAttributes("font", "color", "face", "size")
                .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
                .addProtocols("a", "href", "http", "https", "mailto")
                .removeProtocols("a", "href", "ftp");
        if (!allowRemoteImages) {
            s.removeTags("img");
        }
        this.safelist = s;
    }

    /** The HTML with active content removed, as a complete document body. */
    public String neutralize(String html) {
        Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
        String body = Jsoup.clean(html, "", safelist, settings);
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + body + "</body></html>";
    }

    /**
     * The message with every text/html body part (outside signed/encrypted parts) neutralized and
     * re-encoded as UTF-8 base64; all other bytes unchanged.
     */
    public byte[] neutralizeMessage(byte[] message) {
        ParsedMessage parsed = MimeParser.parse(message);
        MessageRewriter w = new MessageRewriter(message);
        rewrite(w, message, parsed.root(), 0);
        return w.result();
    }

    private void rewrite(MessageRewriter w, byte[] message, MimePart p, int depth) {
        String t = p.contentType().mimeType();
        if (depth > 40 || t.equals("multipart/signed") || t.equals("multipart/encrypted")) {
            return;
        }
        if (p.isMultipart()) {
            for (MimePart c : p.children()) {
                rewrite(w, message, c, depth + 1);
            }
            return;
        }
        if (p.message() != null) {
            rewrite(w, message, p.message(), depth + 1);
            return;
        }
        boolean attachment = p.disposition() != null && p.disposition().type().equals("attachment");
        if (!p.contentType().is("text", "html") || attachment) {
            return;
        }
        String html = ContentDecoder.text(ByteBuffer.wrap(message), p, Integer.MAX_VALUE);
        byte[] clean = neutralize(html).getBytes(StandardCharsets.UTF_8);
        Headers h = MimeParser.parseHeaders(w.slice(p.headerStart(), p.bodyStart()));
        StringBuilder head = new StringBuilder();
        for (HeaderField f : h.fields()) {
            if (f.is("Content-Type") || f.is("Content-Transfer-Encoding")) {
                continue;
            }
            head.append(new String(f.raw(), StandardCharsets.UTF_8)).append(w.eol);
        }
        head.append("Content-Type: text/html; charset=UTF-8").append(w.eol);
        head.append("Content-Transfer-Encoding: base64").append(w.eol).append(w.eol);
        byte[] body = w.base64(clean);
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + body.length - w.eol.length()];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length - w.eol.length());
        w.replace(p.headerStart(), p.end(), all);
    }
}
