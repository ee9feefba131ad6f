package org.tegami.imap;

import java.util.ArrayList;
import java.util.List;
import org.tegami.imap.FetchItem.Simple;

/**
 * FETCH arguments (RFC 9051 §6.4.5): sequence set, data items or a macro, and the CONDSTORE /
 * QRESYNC modifiers CHANGEDSINCE and VANISHED (RFC 7162 §3.1.4.1, §3.2.6).
 */
final class FetchParser {

    private static final List<FetchItem> FAST = List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE);
    private static final List<FetchItem> ALL =
            List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE);
    private static final List<FetchItem> FULL =
            List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE, Simple.BODY);

    private final Lexer lx;

    FetchParser(Lexer lx) {
        this.lx = lx;
    }

    Command fetch(String tag, boolean uid) throws ImapSyntaxException {
        lx.sp();
        SequenceSet set = lx.sequenceSet();
        lx.sp();
        List<FetchItem> items = new ArrayList<>();
        if (lx.at('(')) {
            lx.expect('(');
            while (!lx.at(')')) {
                items.add(item());
                lx.checkItems(items.size());
                if (!lx.skipSp()) {
                    break;
                }
            }
            lx.expect(')');
        } else if (lx.skipKeyword("ALL")) {
            items.addAll(ALL);
        } else if (lx.skipKeyword("FAST")) {
            items.addAll(FAST);
        } else if (lx.skipKeyword("FULL")) {
            items.addAll(FULL);
        } else {
            items.add(item());
        }
        Long changedSince = null;
        boolean vanished = false;
        if (lx.skipSp() && !lx.atEnd()) {
            lx.expect('(');
            while (true) {
                String m = lx.keyword();
                if (m.equals("CHANGEDSINCE") && changedSince == null) {
                    lx.sp();
                    changedSince = lx.number64();
                } else if (m.equals("VANISHED") && !vanished) {
                    vanished = true;
                } else {
                    throw Lexer.error("Unknown or repeated FETCH modifier " + CommandParser.printable(m));
                }
                if (!lx.skipSp()) {
                    break;
                }
            }
            lx.expect(')');
        }
        lx.end();
        // RFC 7162 §3.2.6: VANISHED only in UID FETCH, and only together with CHANGEDSINCE.
        if (vanished && (!uid || changedSince == null)) {
            throw Lexer.error("VANISHED needs UID FETCH and CHANGEDSINCE");
        }
        return new SelectedCommand.Fetch(tag, uid, set, items, changedSince, vanished);
    }

    /** fetch-att (RFC 9051 §9). */
    private FetchItem item() throws ImapSyntaxException {
        String n = lx.name();
        switch (n) {
            case "ENVELOPE": return Simple.ENVELOPE;
            case "FLAGS": return Simple.FLAGS;
            case "INTERNALDATE": return Simple.INTERNALDATE;
            case "RFC822": return Simple.RFC822;
            case "RFC822.HEADER": return Simple.RFC822_HEADER;
            case "RFC822.TEXT": return Simple.RFC822_TEXT;
            case "RFC822.SIZE": return Simple.RFC822_SIZE;
            case "BODYSTRUCTURE": return Simple.BODYSTRUCTURE;
            case "UID": return Simple.UID;
            case "MODSEQ": return Simple.MODSEQ;
            case "BODY":
                if (!lx.at('[')) {
                    return Simple.BODY;
                }
                return bodySection(false);
            case "BODY.PEEK":
                return bodySection(true);
            case "BINARY", "BINARY.PEEK": {
                List<Integer> part = binarySection();
                return new FetchItem.Binary(part, n.endsWith(".PEEK"), partial());
            }
            case "BINARY.SIZE":
                return new FetchItem.BinarySize(binarySection());
            default:
                throw Lexer.error("Unknown FETCH item " + CommandParser.printable(n));
        }
    }

    private FetchItem bodySection(boolean peek) throws ImapSyntaxException {
        Section s = section();
        return new FetchItem.BodySection(s, peek, partial());
    }

    /**
     * section = "[" [section-spec] "]"; section-spec = section-msgtext / (section-part ["."
     * section-text]); MIME only after a part number (RFC 9051 §9).
     */
    Section section() throws ImapSyntaxException {
        lx.expect('[');
        List<Integer> part = new ArrayList<>();
        Section.Kind kind = Section.Kind.ALL;
        List<String> fields = List.of();
        boolean text = !lx.at(']');
        while (lx.peek() >= '0' && lx.peek() <= '9') {
            part.add(partNumber());
            if (!lx.at('.')) {
                text = false;
                break;
            }
            lx.expect('.');
        }
        if (text) {
            String t = lx.name();
            switch (t) {
                case "HEADER" -> kind = Section.Kind.HEADER;
                case "TEXT" -> kind = Section.Kind.TEXT;
                case "MIME" -> {
                    if (part.isEmpty()) {
                        throw Lexer.error("MIME needs a part number");
                    }
                    kind = Section.Kind.MIME;
                }
                case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                    kind = t.endsWith(".NOT") ? Section.Kind.HEADER_FIELDS_NOT : Section.Kind.HEADER_FIELDS;
                    lx.sp();
                    fields = headerList();
                }
                default -> throw Lexer.error("Unknown section " + CommandParser.printable(t));
            }
        }
        lx.expect(']');
        return new Section(part, kind, fields);
    }

    private int partNumber() throws ImapSyntaxException {
        long p = lx.nzNumber();
        if (p > 100_000) {
            throw Lexer.error("Part number out of range");
        }
        return (int) p;
    }

    /** header-list = "(" header-fld-name *(SP header-fld-name) ")"; names are astrings. */
    private List<String> headerList() throws ImapSyntaxException {
        lx.expect('(');
        List<String> fields = new ArrayList<>();
        do {
            String f = lx.astring();
            if (f.isEmpty() || f.length() > 200) {
                throw Lexer.error("Invalid header field name");
            }
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                if (c <= ' ' || c >= 0x7f || c == ':') {
                    throw Lexer.error("Invalid header field name");
                }
            }
            fields.add(f);
            lx.checkItems(fields.size());
        } while (lx.skipSp());
        lx.expect(')');
        return fields;
    }

    /** section-binary = "[" [section-part] "]" (RFC 9051 §9). */
    private List<Integer> binarySection() throws ImapSyntaxException {
        lx.expect('[');
        List<Integer> part = new ArrayList<>();
        if (!lx.at(']')) {
            part.add(partNumber());
            while (lx.at('.')) {
                lx.expect('.');
                part.add(partNumber());
            }
        }
        lx.expect(']');
        return part;
    }

    /** partial = "&lt;" number64 "." nz-number64 "&gt;" (RFC 9051 §9). */
    private FetchItem.Partial partial() throws ImapSyntaxException {
        if (!lx.at('<')) {
            return null;
        }
        lx.expect('<');
        long offset = lx.number64();
        lx.expect('.');
        long count = lx.number64();
        if (count == 0) {
            throw Lexer.error("Partial length must not be zero");
        }
        lx.expect('>');
        return new FetchItem.Partial(offset, count);
    }
}
