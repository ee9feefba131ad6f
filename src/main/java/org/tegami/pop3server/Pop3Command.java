package org.tegami.pop3server;

/**
 * One POP3 command as parsed from a client line (RFC 1939 §3, RFC 2449 §4): an immutable record
 * per keyword. Message numbers are kept as the client sent them (a long); whether they name a
 * message is the session's business, not the parser's.
 */
public sealed interface Pop3Command {

    /** The upper-case keyword, the key of {@link Pop3State}'s table. */
    String verb();

    /** RFC 1939 §7 USER name. */
    record User(String name) implements Pop3Command {
        public String verb() {
            return "USER";
        }
    }

    /** RFC 1939 §7 PASS string: everything after "PASS ", spaces included. */
    record Pass(String password) implements Pop3Command {
        public String verb() {
            return "PASS";
        }

        @Override
        public String toString() {
            return "Pass[hidden]"; // never a password in logs
        }
    }

    /** RFC 1939 §7 APOP name digest. */
    record Apop(String name, String digest) implements Pop3Command {
        public String verb() {
            return "APOP";
        }
    }

    /**
     * RFC 5034 §4 AUTH mechanism [initial-response]; both null for a bare AUTH (mechanism list, as
     * RFC 1734 servers answered). The initial response is the base64 text, "=" for an empty one.
     */
    record Auth(String mechanism, String initialResponse) implements Pop3Command {
        public String verb() {
            return "AUTH";
        }

        @Override
        public String toString() {
            return "Auth[" + mechanism + "]"; // the initial response may carry a password
        }
    }

    record Stat() implements Pop3Command {
        public String verb() {
            return "STAT";
        }
    }

    /** LIST [msg]; msg is null for the whole listing. */
    record List(Long msg) implements Pop3Command {
        public String verb() {
            return "LIST";
        }
    }

    record Retr(long msg) implements Pop3Command {
        public String verb() {
            return "RETR";
        }
    }

    record Dele(long msg) implements Pop3Command {
        public String verb() {
            return "DELE";
        }
    }

    record Noop() implements Pop3Command {
        public String verb() {
            return "NOOP";
        }
    }

    record Rset() implements Pop3Command {
        public String verb() {
            return "RSET";
        }
    }

    record Quit() implements Pop3Command {
        public String verb() {
            return "QUIT";
        }
    }

    /** RFC 1939 §7 TOP msg n: the header and the first n body lines. */
    record Top(long msg, long lines) implements Pop3Command {
        public String verb() {
            return "TOP";
        }
    }

    /** UIDL [msg]; msg is null for the whole listing. */
    record Uidl(Long msg) implements Pop3Command {
        public String verb() {
            return "UIDL";
        }
    }

    /** RFC 2449 §5 CAPA. */
    record Capa() implements Pop3Command {
        public String verb() {
            return "CAPA";
        }
    }

    /** RFC 2595 §4 STLS. */
    record Stls() implements Pop3Command {
        public String verb() {
            return "STLS";
        }
    }

    /** A keyword we do not implement (sanitised: printable ASCII, at most 20 characters). */
    record Unknown(String verb) implements Pop3Command {}
}
