package org.tegami.imap;

import java.util.List;

/**
 * Response codes carried in "[...]" of status responses (RFC 9051 §7.1, resp-text-code), with the
 * extension codes of UIDPLUS (RFC 4315 §3), CONDSTORE/QRESYNC (RFC 7162 §3.1.2, §3.2.10) and
 * BINARY (RFC 3516 §4.3). {@link ResponseEncoder} writes them.
 */
public sealed interface ResponseCode {

    /** The code's name as on the wire, e.g. "READ-ONLY". */
    String name();

    /** A code that is a single atom. */
    record Atom(String name) implements ResponseCode {
        public Atom {
            if (name.isEmpty() || !Wire.isAtom(name)) {
                throw new IllegalArgumentException("response code must be an atom: " + name);
            }
        }
    }

    // RFC 9051 §7.1 codes without arguments.
    Atom ALERT = new Atom("ALERT");
    Atom ALREADYEXISTS = new Atom("ALREADYEXISTS");
    Atom AUTHENTICATIONFAILED = new Atom("AUTHENTICATIONFAILED");
    Atom AUTHORIZATIONFAILED = new Atom("AUTHORIZATIONFAILED");
    Atom CANNOT = new Atom("CANNOT");
    Atom CLIENTBUG = new Atom("CLIENTBUG");
    Atom CLOSED = new Atom("CLOSED");
    Atom CONTACTADMIN = new Atom("CONTACTADMIN");
    Atom CORRUPTION = new Atom("CORRUPTION");
    Atom EXPIRED = new Atom("EXPIRED");
    Atom EXPUNGEISSUED = new Atom("EXPUNGEISSUED");
    Atom HASCHILDREN = new Atom("HASCHILDREN");
    Atom INUSE = new Atom("INUSE");
    Atom LIMIT = new Atom("LIMIT");
    Atom NONEXISTENT = new Atom("NONEXISTENT");
    Atom NOPERM = new Atom("NOPERM");
    Atom OVERQUOTA = new Atom("OVERQUOTA");
    Atom PARSE = new Atom("PARSE");
    Atom PRIVACYREQUIRED = new Atom("PRIVACYREQUIRED");
    Atom READ_ONLY = new Atom("READ-ONLY");
    Atom READ_WRITE = new Atom("READ-WRITE");
    Atom SERVERBUG = new Atom("SERVERBUG");
    Atom TRYCREATE = new Atom("TRYCREATE");
    Atom UNAVAILABLE = new Atom("UNAVAILABLE");
    Atom NOTSAVED = new Atom("NOTSAVED");
    Atom USEATTR = new Atom("USEATTR");
    /** RFC 7889 / RFC 9051 §7.1: message or command too big. */
    Atom TOOBIG = new Atom("TOOBIG");
    /** RFC 7162 §3.1.2.2: the mailbox does not support mod-sequences. */
    Atom NOMODSEQ = new Atom("NOMODSEQ");
    /** RFC 3516 §4.3: BINARY on a part whose Content-Transfer-Encoding is unknown. */
    Atom UNKNOWN_CTE = new Atom("UNKNOWN-CTE");
    /** RFC 4315 §3: the mailbox cannot keep UIDs stable. */
    Atom UIDNOTSTICKY = new Atom("UIDNOTSTICKY");

    /** CAPABILITY list (RFC 9051 §7.1), e.g. in the greeting or after LOGIN. */
    record Capability(List<String> capabilities) implements ResponseCode {
        public Capability {
            capabilities = List.copyOf(capabilities);
        }

        public String name() {
            return "CAPABILITY";
        }
    }

    /** PERMANENTFLAGS (RFC 9051 §7.1); "\*" allows new keywords. */
    record PermanentFlags(List<String> flags) implements ResponseCode {
        public PermanentFlags {
            flags = List.copyOf(flags);
        }

        public String name() {
            return "PERMANENTFLAGS";
        }
    }

    record UidNext(long uid) implements ResponseCode {
        public String name() {
            return "UIDNEXT";
        }
    }

    record UidValidity(long value) implements ResponseCode {
        public String name() {
            return "UIDVALIDITY";
        }
    }

    /** IMAP4rev1 only (RFC 3501 §7.1): first unseen message; IMAP4rev2 dropped it. */
    record Unseen(long seq) implements ResponseCode {
        public String name() {
            return "UNSEEN";
        }
    }

    /** RFC 7162 §3.1.2.1. */
    record HighestModSeq(long modSeq) implements ResponseCode {
        public String name() {
            return "HIGHESTMODSEQ";
        }
    }

    /** RFC 7162 §3.1.3: messages that failed the UNCHANGEDSINCE test. */
    record Modified(SequenceSet set) implements ResponseCode {
        public String name() {
            return "MODIFIED";
        }
    }

    /** RFC 4315 §3 / RFC 9051 §7.1: UIDs given to appended messages. */
    record AppendUid(long uidValidity, SequenceSet uids) implements ResponseCode {
        public String name() {
            return "APPENDUID";
        }
    }

    /** RFC 4315 §3 / RFC 9051 §7.1: source and destination UIDs of COPY/MOVE. */
    record CopyUid(long uidValidity, SequenceSet source, SequenceSet destination) implements ResponseCode {
        public String name() {
            return "COPYUID";
        }
    }

    /** RFC 9051 §7.1: the charsets SEARCH supports. */
    record BadCharset(List<String> charsets) implements ResponseCode {
        public BadCharset {
            charsets = List.copyOf(charsets);
        }

        public String name() {
            return "BADCHARSET";
        }
    }

    /** Any other code: an atom and optional free text (resp-text-code's atom [SP 1*<any TEXT-CHAR except "]">]). */
    record Other(String name, String text) implements ResponseCode {
        public Other {
            if (!Wire.isAtom(name)) {
                throw new IllegalArgumentException("response code must be an atom: " + name);
            }
        }
    }
}
