package org.tegami.imap;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tegami.imap.SelectedCommand.SearchReturn;
import org.tegami.imap.SelectedCommand.SortCriterion;
import org.tegami.imap.SelectedCommand.SortKey;

/**
 * SEARCH (RFC 9051 §6.4.4) with ESEARCH return options (RFC 4731 §3.1), SAVE (RFC 5182), MODSEQ
 * (RFC 7162 §3.1.5); SORT and THREAD (RFC 5256 §3) with ESORT (RFC 5267). Nesting of NOT/OR and
 * parentheses is bounded by {@link ImapLimits#maxNesting()}, the number of keys by
 * {@link ImapLimits#maxItems()}.
 */
final class SearchParser {

    /** RFC 9051 §6.4.4: US-ASCII and UTF-8 MUST be supported; we name them in BADCHARSET. */
    static final List<String> CHARSETS = List.of("UTF-8", "US-ASCII");

    private static final java.util.Set<String> KEYS_WITH_ARGUMENTS = java.util.Set.of("KEYWORD", "UNKEYWORD",
            "BCC", "BODY", "CC", "FROM", "SUBJECT", "TEXT", "TO", "HEADER", "BEFORE", "ON", "SINCE", "SENTBEFORE",
            "SENTON", "SENTSINCE", "LARGER", "SMALLER", "UID", "NOT", "OR", "MODSEQ");

    private final Lexer lx;
    private Charset charset = StandardCharsets.UTF_8;
    private int keys;

    SearchParser(Lexer lx) {
        this.lx = lx;
    }

    /** "SEARCH" [SP "RETURN" SP "(" ... ")"] SP ["CHARSET" SP charset SP] search-key *(SP search-key). */
    Command search(String tag, boolean uid) throws ImapSyntaxException {
        lx.sp();
        Set<SearchReturn> returns = EnumSet.noneOf(SearchReturn.class);
        boolean esearch = false;
        if (lx.skipKeyword("RETURN")) {
            esearch = true;
            lx.sp();
            returns = returnOptions();
            lx.sp();
        }
        String cs = null;
        if (lx.skipKeyword("CHARSET")) {
            lx.sp();
            cs = charset();
            lx.sp();
        }
        SearchKey key = program();
        return new SelectedCommand.Search(tag, uid, cs, key, returns, esearch);
    }

    /** "SORT" [SP sort-return-opts] SP sort-criteria SP search-charset 1*(SP search-key) (RFC 5256, RFC 5267). */
    Command sort(String tag, boolean uid) throws ImapSyntaxException {
        lx.sp();
        Set<SearchReturn> returns = EnumSet.noneOf(SearchReturn.class);
        boolean esearch = false;
        if (lx.skipKeyword("RETURN")) {
            esearch = true;
            lx.sp();
            returns = returnOptions();
            lx.sp();
        }
        lx.expect('(');
        List<SortCriterion> criteria = new ArrayList<>();
        do {
            boolean reverse = lx.skipKeyword("REVERSE");
            if (reverse) {
                lx.sp();
            }
            String k = lx.keyword();
            SortKey key;
            try {
                key = SortKey.valueOf(k);
            } catch (IllegalArgumentException e) {
                throw Lexer.error("Unknown sort key " + CommandParser.printable(k));
            }
            criteria.add(new SortCriterion(key, reverse));
            lx.checkItems(criteria.size());
        } while (lx.skipSp());
        lx.expect(')');
        lx.sp();
        String cs = charset();
        lx.sp();
        return new SelectedCommand.Sort(tag, uid, criteria, cs, program(), returns, esearch);
    }

    /** "THREAD" SP thread-alg SP search-charset 1*(SP search-key) (RFC 5256 §3). */
    Command thread(String tag, boolean uid) throws ImapSyntaxException {
        lx.sp();
        String algorithm = lx.keyword();
        lx.sp();
        String cs = charset();
        lx.sp();
        return new SelectedCommand.Thread(tag, uid, algorithm, cs, program());
    }

    /** RFC 4731 §3.1: "RETURN ()" means ALL. PARTIAL (RFC 9394) is not offered. */
    private Set<SearchReturn> returnOptions() throws ImapSyntaxException {
        lx.expect('(');
        Set<SearchReturn> set = EnumSet.noneOf(SearchReturn.class);
        while (!lx.at(')')) {
            String o = lx.keyword();
            try {
                set.add(SearchReturn.valueOf(o));
            } catch (IllegalArgumentException e) {
                throw Lexer.error("Unknown RETURN option " + CommandParser.printable(o));
            }
            if (!lx.skipSp()) {
                break;
            }
        }
        lx.expect(')');
        if (set.isEmpty()) {
            set.add(SearchReturn.ALL);
        }
        return set;
    }

    /** A charset name; unknown ones are a tagged NO [BADCHARSET (UTF-8 US-ASCII)] (RFC 9051 §6.4.4). */
    private String charset() throws ImapSyntaxException {
        String name = lx.astring().toUpperCase(Locale.ROOT);
        Charset cs = null;
        try {
            if (name.length() <= 40 && Charset.isSupported(name)) {
                cs = Charset.forName(name);
            }
        } catch (IllegalArgumentException e) {
            cs = null;
        }
        // Only ASCII-compatible charsets: search strings are IMAP strings, not UTF-16 octets.
        if (cs == null || !java.util.Arrays.equals("Az09".getBytes(cs), "Az09".getBytes(StandardCharsets.US_ASCII))) {
            throw new ImapSyntaxException("Unsupported charset", new ResponseCode.BadCharset(CHARSETS), true);
        }
        charset = cs;
        return name;
    }

    /** search-key *(SP search-key) up to the end of the command; several keys form an And. */
    private SearchKey program() throws ImapSyntaxException {
        List<SearchKey> list = new ArrayList<>();
        list.add(key(1));
        while (lx.skipSp() && !lx.atEnd()) {
            list.add(key(1));
        }
        lx.end();
        return list.size() == 1 ? list.get(0) : new SearchKey.And(list);
    }

    SearchKey key(int depth) throws ImapSyntaxException {
        if (depth > lx.limits.maxNesting()) {
            throw new ImapSyntaxException("Search keys nested too deeply", ResponseCode.LIMIT, false);
        }
        keys++;
        lx.checkItems(keys);
        int c = lx.peek();
        if (c == '(') {
            lx.expect('(');
            List<SearchKey> group = new ArrayList<>();
            group.add(key(depth + 1));
            while (lx.skipSp()) {
                group.add(key(depth + 1));
            }
            lx.expect(')');
            return new SearchKey.And(group);
        }
        if ((c >= '0' && c <= '9') || c == '*' || c == '$') {
            return new SearchKey.Sequence(lx.sequenceSet());
        }
        String k = lx.keyword();
        SearchKey simple = flagKey(k);
        if (simple != null) {
            return simple;
        }
        if (!KEYS_WITH_ARGUMENTS.contains(k)) {
            throw Lexer.error("Unknown search key " + CommandParser.printable(k));
        }
        lx.sp();
        return switch (k) {
            case "KEYWORD", "UNKEYWORD" -> new SearchKey.Keyword(lx.atom(), k.equals("KEYWORD"));
            case "BCC", "BODY", "CC", "FROM", "SUBJECT", "TEXT", "TO" ->
                    new SearchKey.Text(SearchKey.TextField.valueOf(k), text());
            case "HEADER" -> {
                String field = lx.astring();
                lx.sp();
                yield new SearchKey.Header(field, text());
            }
            case "BEFORE", "ON", "SINCE", "SENTBEFORE", "SENTON", "SENTSINCE" ->
                    new SearchKey.Date(SearchKey.DateField.valueOf(k), lx.date());
            case "LARGER", "SMALLER" -> new SearchKey.Size(k.equals("LARGER"), lx.number64());
            case "UID" -> new SearchKey.Uid(lx.sequenceSet());
            case "NOT" -> new SearchKey.Not(key(depth + 1));
            case "OR" -> {
                SearchKey left = key(depth + 1);
                lx.sp();
                yield new SearchKey.Or(left, key(depth + 1));
            }
            case "MODSEQ" -> modSeq();
            default -> throw Lexer.error("Unknown search key " + CommandParser.printable(k));
        };
    }

    private static SearchKey flagKey(String k) {
        try {
            return SearchKey.Flag.valueOf(k);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String text() throws ImapSyntaxException {
        return Lexer.decode(lx.astringBytes(), charset);
    }

    /** MODSEQ [SP entry-name SP entry-type-req] SP mod-sequence-valzer (RFC 7162 §3.1.5). */
    private SearchKey modSeq() throws ImapSyntaxException {
        String name = null;
        String type = null;
        if (lx.at('"')) {
            name = Lexer.utf8(lx.quoted());
            if (!name.startsWith("/flags/")) {
                throw Lexer.error("Invalid MODSEQ entry name");
            }
            lx.sp();
            type = lx.atom().toLowerCase(Locale.ROOT);
            if (!type.equals("priv") && !type.equals("shared") && !type.equals("all")) {
                throw Lexer.error("Invalid MODSEQ entry type");
            }
            lx.sp();
        }
        return new SearchKey.ModSeq(name, type, lx.number64());
    }
}
