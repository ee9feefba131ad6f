package org.tegami.imap;

/** Character classes of the IMAP formal syntax (RFC 9051 §9), shared by parser and encoder. */
final class Wire {

    private Wire() {}

    /** ATOM-CHAR: any CHAR except atom-specials ( ) { SP CTL % * " \ ] — RFC 9051 §9. */
    static boolean isAtomChar(int b) {
        if (b <= 0x20 || b >= 0x7f) {
            return false;
        }
        return switch (b) {
            case '(', ')', '{', '%', '*', '"', '\\', ']' -> false;
            default -> true;
        };
    }

    /** ASTRING-CHAR = ATOM-CHAR / resp-specials ("]"). */
    static boolean isAstringChar(int b) {
        return b == ']' || isAtomChar(b);
    }

    /** list-char = ATOM-CHAR / list-wildcards / resp-specials (RFC 9051 §9). */
    static boolean isListChar(int b) {
        return b == '%' || b == '*' || isAstringChar(b);
    }

    /** tag = 1*&lt;any ASTRING-CHAR except "+"&gt;. */
    static boolean isTagChar(int b) {
        return b != '+' && isAstringChar(b);
    }

    static boolean isAtom(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isAtomChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isAstringAtom(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isAstringChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
