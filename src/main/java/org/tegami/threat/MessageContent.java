package org.tegami.threat;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.tegami.mime.Address;
import org.tegami.mime.AddressParser;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.HeaderField;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;

/**
 * The parts of a message the detectors look at, extracted once and within {@link ThreatLimits}:
 * sender identities, subject, body text (plain and HTML), links and attachments.
 */
final class MessageContent {

    /** A decoded attachment (or attachment-like part). */
    record Attachment(String name, String mimeType, byte[] data, boolean truncated) {
        String displayName() {
            return name == null || name.isBlank() ? "(unnamed " + mimeType + ")" : name;
        }
    }

    /** A hyperlink: where it goes and what the reader sees. */
    record Link(String href, String host, String text) {}

    private static final Pattern URL = FastPatterns.compile("\\bhttps?://[^\\s<>\"'`()\\[\\]{}]{1,2000}", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LINKS = 500;
    private static final int MAX_BODY_CHARS = 300_000;

    final ParsedMessage parsed;
    final ByteBuffer bytes;
    /** First From mailbox, or null if none parses. */
    final Address from;
    final String fromAddress;
    final String fromDomain;
    /** Decoded display name of From, or null. */
    final String fromName;
    final List<Address> replyTo;
    final String returnPath;
    final String subject;
    final List<String> plainBodies = new ArrayList<>();
    final List<HtmlScan> htmlBodies = new ArrayList<>();
    final List<Link> links = new ArrayList<>();
    final List<Attachment> attachments = new ArrayList<>();
    /** Subject + all body text, for language analysis. */
    final String text;

    MessageContent(ParsedMessage parsed, ByteBuffer bytes, AnalysisContext ctx, ThreatLimits limits) {
        this.parsed = parsed;
        this.bytes = bytes;
        this.from = firstMailbox(parsed.headers().value("From"));
        this.fromAddress = from == null ? null : from.address().toLowerCase(Locale.ROOT);
        this.fromDomain = from == null ? null : Domains.normalize(from.host());
        String name = from == null ? null : from.decodedName();
        this.fromName = name == null || name.isBlank() ? null : stripQuotes(name.strip());
        this.replyTo = mailboxes(parsed.headers().value("Reply-To"));
        this.returnPath = returnPath(ctx, parsed);
        HeaderField s = parsed.headers().first("Subject");
        this.subject = s == null ? "" : s.decodedValue().strip();
        StringBuilder all = new StringBuilder(subject).append('\n');
        collect(parsed.root(), limits, all);
        this.text = all.length() > MAX_BODY_CHARS ? all.substring(0, MAX_BODY_CHARS) : all.toString();
    }

    private void collect(MimePart root, ThreatLimits limits, StringBuilder all) {
        int n = 0;
        for (MimePart p : root.leaves(true)) {
            if (n++ >= limits.maxParts()) {
                break;
            }
            String type = p.contentType().mimeType();
            String fileName = p.fileName();
            boolean attachmentDisposition = p.disposition() != null && p.disposition().type().equals("attachment");
            boolean body = !attachmentDisposition && fileName == null
                    && (type.equals("text/plain") || type.equals("text/html"));
            if (body) {
                String t = ContentDecoder.text(bytes, p, limits.maxTextBytes());
                if (type.equals("text/html")) {
                    HtmlScan scan = HtmlScan.of(Jsoup.parse(t), Math.max(0, MAX_BODY_CHARS - all.length()));
                    htmlBodies.add(scan);
                    appendBounded(all, scan.text());
                    for (HtmlScan.Link l : scan.links) {
                        if (links.size() < MAX_LINKS) {
                            addLink(l.href(), l.text());
                        }
                    }
                } else {
                    plainBodies.add(t);
                    appendBounded(all, t);
                    collectTextLinks(t);
                }
            } else if (p.bodySize() > 0) {
                if (calendar(type, fileName)) {
                    // An invitation's description and location are text the reader sees, with links.
                    String cal = unfoldCalendar(ContentDecoder.text(bytes, p, limits.maxTextBytes()));
                    appendBounded(all, cal);
                    collectTextLinks(cal);
                }
                byte[] data = ContentDecoder.decodedBody(bytes, p, limits.maxAttachmentBytes());
                boolean truncated = data.length >= limits.maxAttachmentBytes();
                attachments.add(new Attachment(fileName, type, data, truncated));
            }
        }
    }

    private static boolean calendar(String type, String fileName) {
        return type.equals("text/calendar") || type.equals("application/ics")
                || fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".ics");
    }

    /** iCalendar text as read (RFC 5545 §3.1 folding undone, §3.3.11 escapes decoded). */
    static String unfoldCalendar(String ics) {
        return ics.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "")
                .replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\");
    }

    private static void appendBounded(StringBuilder sb, String t) {
        int room = MAX_BODY_CHARS - sb.length();
        if (room > 0) {
            sb.append(t, 0, Math.min(t.length(), room)).append('\n');
        }
    }

    private void collectTextLinks(String t) {
        int n = Math.min(t.length(), 200_000);
        Matcher m = URL.matcher(t);
        // Find "http" by hand and let the pattern confirm: a regex find() pays per position.
        for (int i = indexOfHttp(t, 0, n); i >= 0 && links.size() < MAX_LINKS; i = indexOfHttp(t, i + 4, n)) {
            m.region(i, Math.min(n, i + 2010));
            if (!m.lookingAt()) {
                continue;
            }
            String u = m.group();
            i = m.end() - 4;
            while (!u.isEmpty() && ".,;:!?>".indexOf(u.charAt(u.length() - 1)) >= 0) {
                u = u.substring(0, u.length() - 1);
            }
            addLink(u, u);
        }
    }

    /** Index of the next "http" (any case) at a word start in [from, to), or -1. */
    private static int indexOfHttp(String t, int from, int to) {
        for (int i = from; i + 4 <= to; i++) {
            char c = t.charAt(i);
            if ((c == 'h' || c == 'H') && t.regionMatches(true, i + 1, "ttp", 0, 3)
                    && (i == 0 || !Character.isLetterOrDigit(t.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    private void addLink(String href, String text) {
        String h = href.strip();
        links.add(new Link(h, hostOf(unwrap(h)), text == null ? "" : text.strip()));
    }

    /** Follows the target of well-known link-protection wrappers (Microsoft Safe Links). */
    static String unwrap(String href) {
        String lower = href.toLowerCase(Locale.ROOT);
        if (lower.contains("safelinks.protection.outlook.com") && lower.contains("url=")) {
            int i = lower.indexOf("url=") + 4;
            int j = href.indexOf('&', i);
            String enc = href.substring(i, j < 0 ? href.length() : j);
            try {
                return URLDecoder.decode(enc, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return href;
            }
        }
        return href;
    }

    /** The host of an absolute http(s)/ftp URL, lower case, IDN to ASCII; null otherwise. */
    static String hostOf(String url) {
        String u = url.strip();
        int scheme = u.indexOf("://");
        if (scheme <= 0 || scheme > 10) {
            if (u.startsWith("//")) {
                scheme = -1;
            } else {
                return null;
            }
        }
        String rest = u.substring(scheme + 3);
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == '\\') {
                end = i;
                break;
            }
        }
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close > 0 ? authority.substring(0, close + 1) : null;
        }
        int colon = authority.indexOf(':');
        if (colon >= 0) {
            authority = authority.substring(0, colon);
        }
        if (authority.isEmpty() || authority.length() > 253) {
            return null;
        }
        if (authority.indexOf('%') >= 0) {
            try {
                authority = URLDecoder.decode(authority, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return Domains.ascii(authority);
    }

    private static String returnPath(AnalysisContext ctx, ParsedMessage parsed) {
        String rp = ctx.envelopeFrom();
        if (rp == null) {
            rp = parsed.headers().value("Return-Path");
        }
        if (rp == null) {
            return null;
        }
        Address a = AddressParser.parseFirst(rp);
        return a == null ? null : a.address().toLowerCase(Locale.ROOT);
    }

    private static Address firstMailbox(String value) {
        Address a = AddressParser.parseFirst(value);
        return a == null || a.host() == null || a.host().isBlank() ? null : a;
    }

    private static List<Address> mailboxes(String value) {
        List<Address> out = new ArrayList<>();
        for (Address a : AddressParser.parseList(value)) {
            if (a.address() != null && a.host() != null && !a.host().isBlank()) {
                out.add(a);
            }
            if (out.size() >= 20) {
                break;
            }
        }
        return out;
    }

    static String stripQuotes(String s) {
        String t = s;
        while (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    /** The registrable domain of the From address, or "". */
    String fromOrg() {
        return fromDomain == null ? "" : Domains.registrable(fromDomain);
    }
}
