package org.tegami.store;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tegami.mime.Address;
import org.tegami.mime.AddressParser;
import org.tegami.mime.BaseSubject;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.DateParser;
import org.tegami.mime.EncodedWords;
import org.tegami.mime.HeaderField;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;

/**
 * What the store indexes of a message content at delivery, so that searching and sorting never
 * re-read messages (DESIGN.md, IMAP data model): the decoded header and body text for full-text
 * search, and the sort and thread keys of RFC 5256. Computed by the delivering code (outside the
 * store's single writer) and stored in the same transaction as the message.
 *
 * @param headers top-level header fields, one "name: value" line each, RFC 2047 decoded, unfolded,
 *     lower case (searches are case-insensitive)
 * @param body decoded text of the text parts (transfer encoding and charset undone, HTML tags
 *     dropped), lower case, at most {@link #INDEXED_BODY_CHARS}
 * @param truncated the text went on beyond what is indexed: a search also reads the message
 *     (indexing cost grows with the text, and delivery pays it; long texts are rare)
 * @param sentDate the Date: header as epoch milliseconds, or null if absent or unreadable
 * @param sentTz the Date: header's offset from UTC in minutes
 * @param subject the base subject (RFC 5256 §2.1) in upper case
 * @param replyOrForward extracting the base subject removed a "Re:"/"Fwd:" marker
 * @param from addr-mailbox (local part) of the first From address, upper case ("" if none)
 * @param to addr-mailbox of the first To address, upper case
 * @param cc addr-mailbox of the first Cc address, upper case
 * @param displayFrom display name of the first From address, else its addr-spec (RFC 5957), upper case
 * @param displayTo the same for the first To address
 * @param messageId the Message-ID without angle brackets, or null
 * @param references the message ids this one refers to, oldest first, space-separated (References,
 *     else the first id of In-Reply-To: RFC 5256 §4 REFERENCES step 1)
 */
public record ContentIndex(
        String headers,
        String body,
        boolean truncated,
        Long sentDate,
        int sentTz,
        String subject,
        boolean replyOrForward,
        String from,
        String to,
        String cc,
        String displayFrom,
        String displayTo,
        String messageId,
        String references) {

    /**
     * Body text indexed per message: most mail has less; the trigram index costs ~0.2 ms per 5 KB
     * at delivery, so a 1 MB text would cost 40 ms of the single writer's time.
     */
    public static final int INDEXED_BODY_CHARS = 16 * 1024;

    /** Computes the index of a parsed message (bytes as stored). */
    public static ContentIndex of(ByteBuffer message, ParsedMessage parsed) {
        StringBuilder headers = new StringBuilder(1024);
        for (HeaderField f : parsed.headers().fields()) {
            String name = f.name().toLowerCase(Locale.ROOT);
            headers.append(name).append(": ").append(lower(EncodedWords.decode(f.value().strip())));
            if (ADDRESS_FIELDS.contains(name)) {
                // Also the parsed form, so "user@domain" matches "<user (comment)@ domain>" too.
                headers.append(" \t").append(lower(normalized(AddressParser.parseList(f.value()))));
            }
            headers.append('\n');
        }
        String body = bodyText(message, parsed.root(), INDEXED_BODY_CHARS + 1);
        String dateValue = parsed.headers().value("Date");
        OffsetDateTime sent = DateParser.parse(dateValue);
        List<Address> from = AddressParser.parseList(parsed.headers().value("From"));
        List<Address> to = AddressParser.parseList(parsed.headers().value("To"));
        List<Address> cc = AddressParser.parseList(parsed.headers().value("Cc"));
        String messageId = firstId(parsed.headers().value("Message-ID"));
        List<String> refs = ids(parsed.headers().value("References"));
        if (refs.isEmpty()) {
            String irt = firstId(parsed.headers().value("In-Reply-To"));
            if (irt != null) {
                refs.add(irt);
            }
        }
        return new ContentIndex(
                headers.toString(),
                body.length() > INDEXED_BODY_CHARS ? body.substring(0, INDEXED_BODY_CHARS) : body,
                body.length() > INDEXED_BODY_CHARS,
                sent == null ? null : sent.toInstant().toEpochMilli(),
                sent == null ? 0 : sent.getOffset().getTotalSeconds() / 60,
                BaseSubject.key(parsed.headers().value("Subject")),
                BaseSubject.isReplyOrForward(parsed.headers().value("Subject")),
                upper(mailbox(from)),
                upper(mailbox(to)),
                upper(mailbox(cc)),
                upper(display(from)),
                upper(display(to)),
                messageId,
                String.join(" ", refs));
    }

    /** The decoded, lower-case text of the text parts, up to {@code max} characters. */
    public static String bodyText(ByteBuffer message, MimePart root, int max) {
        StringBuilder out = new StringBuilder();
        for (MimePart p : root.leaves(true)) {
            if (out.length() >= max) {
                break;
            }
            if (!p.contentType().type().equals("text")) {
                continue;
            }
            String text;
            try {
                text = ContentDecoder.text(message.duplicate(), p, Math.min(Integer.MAX_VALUE / 2, max) * 2);
            } catch (RuntimeException e) {
                continue; // undecodable part: nothing to index
            }
            if (p.contentType().subtype().equals("html")) {
                text = stripTags(text);
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(text, 0, Math.min(text.length(), max - out.length()));
        }
        return lower(out.toString());
    }

    /** Drops HTML tags and the few entities that matter for matching words. */
    static String stripTags(String html) {
        StringBuilder sb = new StringBuilder(html.length());
        boolean tag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                tag = true;
            } else if (c == '>' && tag) {
                tag = false;
                sb.append(' ');
            } else if (!tag) {
                sb.append(c);
            }
        }
        return sb.toString().replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&");
    }

    private static final java.util.Set<String> ADDRESS_FIELDS =
            java.util.Set.of("from", "to", "cc", "bcc", "sender", "reply-to");

    /** "Name <local@domain>, ..." as parsed (comments and obsolete routes gone). */
    private static String normalized(List<Address> list) {
        StringBuilder sb = new StringBuilder();
        for (Address a : list) {
            if (a.address() == null) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            String name = a.decodedName();
            if (name != null && !name.isBlank()) {
                sb.append(name.strip()).append(' ');
            }
            sb.append('<').append(a.address()).append('>');
        }
        return sb.toString();
    }

    /**
     * RFC 5256 §3: the addr-mailbox of the first address of the ENVELOPE list — for a group, its
     * start marker, whose mailbox is the group name (as Dovecot sorts).
     */
    private static String mailbox(List<Address> list) {
        for (Address a : list) {
            if (a.mailbox() != null) {
                return a.mailbox();
            }
        }
        return "";
    }

    /** RFC 5957 §3: the display name if there is one, else the addr-spec (a group: its name). */
    private static String display(List<Address> list) {
        for (Address a : list) {
            if (a.mailbox() == null) {
                continue;
            }
            String name = a.decodedName();
            if (name != null && !name.isBlank()) {
                return name.strip();
            }
            return a.address() != null ? a.address() : a.mailbox();
        }
        return "";
    }

    /** The message ids ("<...>") of a header value, without brackets, in order. */
    static List<String> ids(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        int i = 0;
        while (out.size() < 500) {
            int open = value.indexOf('<', i);
            if (open < 0) {
                break;
            }
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            String id = value.substring(open + 1, close).replaceAll("\\s+", "");
            if (!id.isEmpty() && id.indexOf('<') < 0) {
                out.add(id);
            }
            i = close + 1;
        }
        return out;
    }

    private static String firstId(String value) {
        List<String> ids = ids(value);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static String upper(String s) {
        return s == null ? "" : s.toUpperCase(Locale.ROOT);
    }
}
