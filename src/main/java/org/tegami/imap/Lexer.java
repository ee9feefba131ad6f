package org.tegami.imap;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Tokens of the IMAP formal syntax (RFC 9051 §9) over a framed {@link RawCommand}: atoms, quoted
 * strings with escapes, literals (taken from the frame), numbers, dates, flags. All failures are
 * {@link ImapSyntaxException}s.
 */
final class Lexer {

    static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };

    private final RawCommand raw;
    final ImapLimits limits;
    private int lineIndex;
    private byte[] line;
    private int pos;

    Lexer(RawCommand raw, ImapLimits limits) {
        this.raw = raw;
        this.limits = limits;
        this.line = raw.lines().get(0);
    }

    static ImapSyntaxException error(String message) {
        return new ImapSyntaxException(message);
    }

    /** A position to come back to after looking ahead. */
    long mark() {
        return ((long) lineIndex << 32) | pos;
    }

    void reset(long mark) {
        lineIndex = (int) (mark >>> 32);
        line = raw.lines().get(lineIndex);
        pos = (int) mark;
    }

    /** True if the next atom is {@code word} (case-insensitive); consumes nothing. */
    boolean peekKeyword(String word) {
        int end = pos + word.length();
        if (end > line.length || (end < line.length && Wire.isAtomChar(line[end] & 0xff))) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toUpperCase((char) (line[pos + i] & 0xff)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Consumes {@code word} if it is next, as {@link #peekKeyword}. */
    boolean skipKeyword(String word) {
        if (peekKeyword(word)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    /** The current byte, or -1 at the end of the current line. */
    int peek() {
        return pos < line.length ? line[pos] & 0xff : -1;
    }

    boolean at(char c) {
        return peek() == c;
    }

    /** True at the end of the whole command. */
    boolean atEnd() {
        return lineIndex == raw.lines().size() - 1 && pos >= line.length;
    }

    void expect(char c) throws ImapSyntaxException {
        if (peek() != c) {
            throw error(peek() < 0 ? "Missing '" + c + "'" : "Expected '" + c + "'");
        }
        pos++;
    }

    /** Exactly one SP between arguments (RFC 9051 §9). */
    void sp() throws ImapSyntaxException {
        if (peek() != ' ') {
            throw error(atEnd() ? "Missing argument"
                    : peek() >= 0x80 ? "8-bit characters must be quoted" : "Expected a space");
        }
        pos++;
    }

    boolean skipSp() {
        if (peek() == ' ') {
            pos++;
            return true;
        }
        return false;
    }

    /** The command must end here; trailing spaces are tolerated. */
    void end() throws ImapSyntaxException {
        while (peek() == ' ') {
            pos++;
        }
        if (!atEnd()) {
            throw error("Unexpected characters at end of command");
        }
    }

    String readWhile(IntPredicate accept) {
        int start = pos;
        while (pos < line.length && accept.test(line[pos] & 0xff)) {
            pos++;
        }
        return new String(line, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    String atom() throws ImapSyntaxException {
        String s = readWhile(Wire::isAtomChar);
        if (s.isEmpty()) {
            throw error(peek() >= 0x80 ? "8-bit character where an atom was expected" : "Expected an atom");
        }
        return s;
    }

    /** An atom, upper-cased: command names, search keys, options. */
    String keyword() throws ImapSyntaxException {
        return atom().toUpperCase(Locale.ROOT);
    }

    /** A keyword made of letters, digits, "." and "-" only (stops before "[" of BODY[...]). */
    String name() throws ImapSyntaxException {
        String s = readWhile(b -> (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')
                || (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '=');
        if (s.isEmpty()) {
            throw error("Expected a keyword");
        }
        return s.toUpperCase(Locale.ROOT);
    }

    String tag() throws ImapSyntaxException {
        String t = readWhile(Wire::isTagChar);
        if (t.isEmpty()) {
            throw error("Missing or invalid tag");
        }
        return t;
    }

    /** astring = 1*ASTRING-CHAR / string, as UTF-8 text. */
    String astring() throws ImapSyntaxException {
        return utf8(astringBytes());
    }

    byte[] astringBytes() throws ImapSyntaxException {
        int c = peek();
        if (c == '"' || atLiteral()) {
            return string(); // "~foo" is an atom; only "~{" starts a literal8
        }
        String s = readWhile(Wire::isAstringChar);
        if (s.isEmpty()) {
            throw error(c >= 0x80 ? "8-bit characters must be quoted" : "Expected a string");
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** string = quoted / literal. */
    byte[] string() throws ImapSyntaxException {
        int c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '{') {
            RawCommand.Literal lit = literal(false);
            byte[] b = lit.bytes();
            for (byte x : b) {
                if (x == 0) {
                    throw error("NUL in literal");
                }
            }
            return b;
        }
        throw error("Expected a quoted string or literal");
    }

    String stringUtf8() throws ImapSyntaxException {
        return utf8(string());
    }

    /** nstring = string / nil, as UTF-8 text or null. */
    String nstring() throws ImapSyntaxException {
        if (peekNil()) {
            pos += 3;
            return null;
        }
        return stringUtf8();
    }

    boolean peekNil() {
        return pos + 3 <= line.length
                && (line[pos] | 0x20) == 'n' && (line[pos + 1] | 0x20) == 'i' && (line[pos + 2] | 0x20) == 'l'
                && (pos + 3 == line.length || !Wire.isAtomChar(line[pos + 3] & 0xff));
    }

    /** True if a literal ("{", or "~{" for literal8) starts here. */
    boolean atLiteral() {
        return peek() == '{' || (peek() == '~' && pos + 1 < line.length && line[pos + 1] == '{');
    }

    /** DQUOTE *QUOTED-CHAR DQUOTE with "\" escaping only quoted-specials (RFC 9051 §9). */
    byte[] quoted() throws ImapSyntaxException {
        expect('"');
        int start = pos;
        boolean escapes = false;
        while (true) {
            if (pos >= line.length) {
                throw error("Missing '\"'");
            }
            byte b = line[pos];
            if (b == '"') {
                break;
            }
            if (b == 0) {
                throw error("NUL in quoted string");
            }
            if (b == '\\') {
                if (pos + 1 >= line.length || (line[pos + 1] != '"' && line[pos + 1] != '\\')) {
                    throw error("Invalid escape in quoted string");
                }
                escapes = true;
                pos++;
            }
            pos++;
        }
        byte[] out;
        if (!escapes) {
            out = java.util.Arrays.copyOfRange(line, start, pos);
        } else {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(pos - start);
            for (int i = start; i < pos; i++) {
                if (line[i] == '\\') {
                    i++;
                }
                b.write(line[i]);
            }
            out = b.toByteArray();
        }
        pos++;
        return out;
    }

    /**
     * A literal: "{n}" / "{n+}" (or "~{n}" when {@code allowBinary}) ending the line, whose data
     * is the frame's next literal.
     */
    RawCommand.Literal literal(boolean allowBinary) throws ImapSyntaxException {
        boolean binary = false;
        if (peek() == '~') {
            if (!allowBinary) {
                throw error("literal8 is not allowed here");
            }
            binary = true;
            pos++;
        }
        expect('{');
        String digits = readWhile(b -> b >= '0' && b <= '9');
        if (digits.isEmpty()) {
            throw error("Invalid literal size");
        }
        if (peek() == '+') {
            pos++;
        }
        expect('}');
        if (pos != line.length || lineIndex >= raw.literals().size()) {
            throw error("Literal announcement must end the line");
        }
        RawCommand.Literal lit = raw.literals().get(lineIndex);
        if (lit.binary() != binary) {
            throw error("Literal type mismatch");
        }
        lineIndex++;
        line = raw.lines().get(lineIndex);
        pos = 0;
        return lit;
    }

    /** number: unsigned 32-bit (RFC 9051 §9). */
    long number() throws ImapSyntaxException {
        long n = digits(10);
        if (n > SequenceSet.MAX_NUMBER) {
            throw error("Number out of range");
        }
        return n;
    }

    long nzNumber() throws ImapSyntaxException {
        long n = number();
        if (n == 0) {
            throw error("Number must not be zero");
        }
        return n;
    }

    /** number64: 0 .. 2^63-1 (RFC 9051 §9). */
    long number64() throws ImapSyntaxException {
        return digits(19);
    }

    private long digits(int max) throws ImapSyntaxException {
        String d = readWhile(b -> b >= '0' && b <= '9');
        if (d.isEmpty()) {
            throw error("Expected a number");
        }
        if (d.length() > max) {
            throw error("Number out of range");
        }
        try {
            return Long.parseLong(d);
        } catch (NumberFormatException e) {
            throw error("Number out of range");
        }
    }

    /** sequence-set, including "$" (RFC 9051 §9, seq-last-command). */
    SequenceSet sequenceSet() throws ImapSyntaxException {
        String s = readWhile(b -> (b >= '0' && b <= '9') || b == ':' || b == ',' || b == '*' || b == '$');
        if (s.isEmpty()) {
            throw error("Expected a sequence set");
        }
        return SequenceSet.parse(s, limits.maxSequenceRanges());
    }

    /** flag: "\" atom (system flags in canonical case) or a keyword atom (RFC 9051 §9). */
    String flag(boolean allowStar) throws ImapSyntaxException {
        if (peek() == '\\') {
            pos++;
            if (allowStar && peek() == '*') {
                pos++;
                return "\\*";
            }
            return Flags.canonical("\\" + atom());
        }
        return atom();
    }

    /** flag-list = "(" [flag *(SP flag)] ")". */
    List<String> flagList() throws ImapSyntaxException {
        expect('(');
        List<String> flags = new ArrayList<>();
        if (!at(')')) {
            while (true) {
                flags.add(flag(false));
                checkItems(flags.size());
                if (!skipSp()) {
                    break;
                }
            }
        }
        expect(')');
        return flags;
    }

    void checkItems(int n) throws ImapSyntaxException {
        if (n > limits.maxItems()) {
            throw new ImapSyntaxException("Too many items in a list", ResponseCode.LIMIT, false);
        }
    }

    /** date = date-text / DQUOTE date-text DQUOTE; date-text = date-day "-" date-month "-" date-year. */
    LocalDate date() throws ImapSyntaxException {
        boolean q = at('"');
        if (q) {
            pos++;
        }
        int day = (int) dayDigits(false);
        expect('-');
        int month = month();
        expect('-');
        int year = fixedDigits(4);
        if (q) {
            expect('"');
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw error("Invalid date");
        }
    }

    /** date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE. */
    OffsetDateTime dateTime() throws ImapSyntaxException {
        expect('"');
        int day = (int) dayDigits(true);
        expect('-');
        int month = month();
        expect('-');
        int year = fixedDigits(4);
        expect(' ');
        int h = fixedDigits(2);
        expect(':');
        int m = fixedDigits(2);
        expect(':');
        int s = fixedDigits(2);
        expect(' ');
        int sign = peek() == '+' ? 1 : peek() == '-' ? -1 : 0;
        if (sign == 0) {
            throw error("Invalid time zone");
        }
        pos++;
        int zone = fixedDigits(4);
        expect('"');
        try {
            ZoneOffset off = ZoneOffset.ofHoursMinutes(sign * (zone / 100), sign * (zone % 100));
            return OffsetDateTime.of(year, month, day, h, m, s, 0, off);
        } catch (DateTimeException e) {
            throw error("Invalid date-time");
        }
    }

    private long dayDigits(boolean fixed) throws ImapSyntaxException {
        if (fixed && at(' ')) {
            pos++; // date-day-fixed = (SP DIGIT) / 2DIGIT
            return fixedDigits(1);
        }
        String d = readWhile(b -> b >= '0' && b <= '9');
        if (d.isEmpty() || d.length() > 2) {
            throw error("Invalid day of month");
        }
        return Integer.parseInt(d);
    }

    private int fixedDigits(int n) throws ImapSyntaxException {
        String d = readWhile(b -> b >= '0' && b <= '9');
        if (d.length() != n) {
            throw error("Invalid date or time");
        }
        return Integer.parseInt(d);
    }

    private int month() throws ImapSyntaxException {
        String m = readWhile(b -> (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')).toUpperCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(m)) {
                return i + 1;
            }
        }
        throw error("Invalid month");
    }

    /** Strict UTF-8 (RFC 9051 §4.3: 8-bit strings are UTF-8). */
    static String utf8(byte[] b) throws ImapSyntaxException {
        return decode(b, StandardCharsets.UTF_8);
    }

    static String decode(byte[] b, Charset cs) throws ImapSyntaxException {
        boolean ascii = true;
        for (byte x : b) {
            if (x < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer cb = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw error("Invalid " + cs.name() + " in string");
        }
    }
}
