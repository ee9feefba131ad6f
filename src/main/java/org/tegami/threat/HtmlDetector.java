package org.tegami.threat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Active and deceptive HTML: scripts, event-handler attributes, forms (worse with a password
 * field), iframes/objects/embeds, javascript: URLs, meta refresh, link text that shows one domain
 * while the link goes to another, links to bare IP addresses, remote tracking pixels and hidden
 * text. Applies to HTML bodies and to HTML/SVG attachments (where active content is worse:
 * they open in a browser, outside the mail client's protections).
 */
final class HtmlDetector implements Detector {

    private static final Pattern SHOWN_HOST = Pattern.compile(
            "^(?:https?://)?((?:[\\p{L}\\p{N}-]{1,63}\\.)+[\\p{L}]{2,24})(?:[:/?#]\\S*)?$", Pattern.CASE_INSENSITIVE);
    private static final int HIDDEN_TEXT_MIN = 200;

    @Override
    public void detect(MessageContent m, AnalysisContext ctx, Budget budget, List<Finding> out) {
        for (HtmlScan s : m.htmlBodies) {
            body(s, out);
        }
        links(m, ctx, out);
    }

    private static void body(HtmlScan s, List<Finding> out) {
        if (!s.scripts.isEmpty()) {
            out.add(new Finding("html.script", 4.0, "The HTML body contains " + s.scripts.size() + " script element(s); "
                    + "legitimate mail has none, and some mail clients would run them."));
        }
        if (!s.handlers.isEmpty()) {
            out.add(new Finding("html.event-handler", 2.5, "The HTML body has script event handlers ("
                    + String.join(", ", s.handlers.subList(0, Math.min(4, s.handlers.size()))) + ")."));
        }
        if (s.forms > 0) {
            out.add(new Finding("html.form", s.passwordField ? 5.0 : 3.0, "The HTML body contains a form"
                    + (s.passwordField ? " with a password field: never enter a password into a message." : " that submits data to a web site.")));
        }
        if (!s.frames.isEmpty()) {
            out.add(new Finding("html.embedded-content", 3.0, "The HTML body embeds external content (" + String.join(", ", distinct(s.frames)) + ")."));
        }
        if (s.jsUrl) {
            out.add(new Finding("html.javascript-url", 5.0, "The HTML body has a link or resource that runs script (javascript:, vbscript: or data:text/html)."));
        }
        if (s.metaRefresh != null) {
            out.add(new Finding("html.meta-refresh", 3.0, "The HTML body redirects automatically to another page (" + AttachmentDetector.clip(s.metaRefresh) + ")."));
        }
        if (s.pixels > 0) {
            out.add(new Finding("html.tracking-pixel", 0.3, "The HTML body loads " + s.pixels
                    + " invisible remote image(s), which tell the sender when and where you open the message."));
        }
        if (s.hiddenChars >= HIDDEN_TEXT_MIN) {
            out.add(new Finding("html.hidden-text", s.hiddenChars >= 1000 ? 2.0 : 1.0, "The HTML body hides "
                    + s.hiddenChars + " characters of text from the reader, a trick to fool filters."));
        }
    }

    /** Link text that names one domain while the link goes to another, and links to bare IP addresses. */
    private static void links(MessageContent m, AnalysisContext ctx, List<Finding> out) {
        boolean mismatch = false;
        boolean ip = false;
        for (MessageContent.Link l : m.links) {
            String host = l.host();
            if (host == null) {
                continue;
            }
            if (!ip && Domains.isIpLiteral(host)) {
                ip = true;
                out.add(new Finding("link.ip-address", 3.0, "A link goes to the bare IP address " + host + " instead of a named site."));
            }
            if (mismatch || l.text().equals(l.href())) {
                continue;
            }
            Matcher t = SHOWN_HOST.matcher(l.text().strip());
            if (!t.matches()) {
                continue;
            }
            String shown = Domains.ascii(t.group(1));
            // A site people know (ours, a correspondent's, a well-known service's) shown over a link elsewhere.
            boolean shownKnown = ctx.isLocal(shown) || Brands.owner(shown) != null
                    || ImpersonationDetector.known(ctx, null, shown);
            if (Domains.registrable(shown).equals(Domains.registrable(host)) || Domains.isClickTracker(host)
                    || Domains.sameOrganization(host, m.fromDomain) && !shownKnown) {
                continue;
            }
            mismatch = true;
            out.add(new Finding("html.link-mismatch", shownKnown ? 5.0 : 3.5, "A link shows \"" + AttachmentDetector.clip(l.text().strip())
                    + "\" but really goes to " + Domains.unicode(host) + "."));
        }
    }

    /** An HTML or SVG attachment: opened in a browser, so any active content counts heavily. */
    static void attachment(AttachmentDetector.FileRef f, FileSniffer.Kind kind, List<Finding> out) {
        int n = Math.min(f.data().length, 2 * 1024 * 1024);
        String source = new String(f.data(), 0, n, StandardCharsets.UTF_8);
        Document doc = Jsoup.parse(source);
        HtmlScan s = HtmlScan.of(doc, 0);
        if (!s.active()) {
            return;
        }
        if (!s.scripts.isEmpty() && smuggles(source.toLowerCase(java.util.Locale.ROOT))) {
            out.add(new Finding("attachment.html-smuggling", 10.0, f.describe() + " is " + kind.text
                    + " whose script assembles a file from data hidden inside it and hands it to your browser (HTML smuggling),"
                    + " a way to deliver malware past mail scanners."));
            return;
        }
        List<String> what = new ArrayList<>();
        if (!s.scripts.isEmpty() || !s.handlers.isEmpty() || s.jsUrl) {
            what.add("scripts");
        }
        if (s.forms > 0) {
            what.add(s.passwordField ? "a password form" : "a form");
        }
        if (s.metaRefresh != null) {
            what.add("an automatic redirect");
        }
        if (!s.frames.isEmpty()) {
            what.add("embedded frames");
        }
        // An image (SVG) has no business running script at all; a web page with a password form or
        // a redirect is a phishing page or a downloader.
        boolean strong = s.passwordField || !s.scripts.isEmpty() || s.jsUrl || s.metaRefresh != null
                || kind == FileSniffer.Kind.SVG && !s.handlers.isEmpty();
        out.add(new Finding("attachment.html-active", strong ? 7.0 : 5.0, f.describe() + " is " + kind.text
                + " with " + String.join(", ", what) + "; it opens in your browser, outside the mail client's protection."));
    }

    /**
     * HTML smuggling: a script that builds a Blob (or calls msSaveOrOpenBlob) from data it
     * decodes itself (atob, byte arrays, character codes), so the file is created in the browser
     * and never crosses the mail gateway as an attachment.
     */
    static boolean smuggles(String lowerSource) {
        boolean assembles = lowerSource.contains("new blob") || lowerSource.contains("createobjecturl")
                || lowerSource.contains("mssaveoropenblob") || lowerSource.contains("mssaveblob");
        boolean decodes = lowerSource.contains("atob(") || lowerSource.contains("uint8array") || lowerSource.contains("fromcharcode")
                || lowerSource.contains(";base64,");
        return assembles && decodes;
    }

    private static List<String> distinct(List<String> l) {
        return l.stream().distinct().toList();
    }
}
