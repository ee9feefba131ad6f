package org.tegami.imap.imaptest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One IMAP argument as imaptest scripts and server responses are compared: an atom, a string
 * (quoted or literal), NIL, or a parenthesised list with imaptest's matching directives. Text is
 * kept one char per octet (ISO-8859-1), so bytes compare exactly whatever their charset.
 */
public sealed interface ImapArg {

    record Atom(String text) implements ImapArg {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A string.
     *
     * @param literal sent as a literal (multi-line "{{{ ... }}}" blocks in scripts are literals)
     * @param binary sent as literal8 ("~{n}" or "~{{{")
     */
    record Str(String text, boolean literal, boolean binary) implements ImapArg {
        public byte[] bytes() {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return literal ? (binary ? "~" : "") + "{" + text.length() + "}" : "\"" + text + "\"";
        }
    }

    record Nil() implements ImapArg {
        @Override
        public String toString() {
            return "NIL";
        }
    }

    /**
     * A list. {@code directives} are the "$!..." atoms at its start in a script (explicit, or the
     * defaults imaptest adds for FETCH, FLAGS, LIST, LSUB and STATUS lists); empty elsewhere.
     */
    record ListArg(List<Directive> directives, List<ImapArg> items) implements ImapArg {
        public ListArg {
            directives = List.copyOf(directives);
            items = List.copyOf(items);
        }

        /** Elements per unordered chain: 2 for "$!unordered=2" (FETCH name/value pairs), else 1. */
        public int chain() {
            for (Directive d : directives) {
                if (d instanceof Directive.Unordered u) {
                    return u.chain();
                }
            }
            return 1;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (Directive d : directives) {
                sb.append(sb.length() > 1 ? " " : "").append(d);
            }
            for (ImapArg a : items) {
                sb.append(sb.length() > 1 ? " " : "").append(a);
            }
            return sb.append(')').toString();
        }
    }

    /** imaptest list-matching directives (scripted_test.md, "Directives"). */
    sealed interface Directive {
        /** "$!ordered": element order must match. */
        record Ordered() implements Directive {
            @Override
            public String toString() {
                return "$!ordered";
            }
        }

        /** "$!unordered" / "$!unordered=n": order does not matter; chains of n elements. */
        record Unordered(int chain) implements Directive {
            @Override
            public String toString() {
                return chain == 1 ? "$!unordered" : "$!unordered=" + chain;
            }
        }

        /** "$!noextra": every element of the reply must be matched. */
        record NoExtra() implements Directive {
            @Override
            public String toString() {
                return "$!noextra";
            }
        }

        /** "$!extra": extra elements are allowed. */
        record Extra() implements Directive {
            @Override
            public String toString() {
                return "$!extra";
            }
        }

        /** "$!ignore=e": with noextra, e may still appear. */
        record Ignore(String element) implements Directive {
            @Override
            public String toString() {
                return "$!ignore=" + element;
            }
        }

        /** "$!ban=e": with extra, e must not appear. */
        record Ban(String element) implements Directive {
            @Override
            public String toString() {
                return "$!ban=" + element;
            }
        }
    }
}
