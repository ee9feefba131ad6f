package org.tegami.smtp;

import java.util.Map;

/**
 * One parsed SMTP command line (RFC 5321 §4.1), shared by the server and the client. Parsing is
 * separate from behaviour: {@link SmtpCommandParser} turns a line into one of these records.
 */
public sealed interface SmtpCommand {

    /** Upper-case verb, for logs and the per-state allowed-command table. */
    String verb();

    record Helo(String domain) implements SmtpCommand {
        public String verb() {
            return "HELO";
        }
    }

    record Ehlo(String domain) implements SmtpCommand {
        public String verb() {
            return "EHLO";
        }
    }

    /** MAIL FROM; sender is null for the null reverse-path "<>". Params keys are upper case. */
    record Mail(MailAddress sender, Map<String, String> params) implements SmtpCommand {
        public String verb() {
            return "MAIL";
        }
    }

    /** RCPT TO; "postmaster" without domain is given with an empty domain. */
    record Rcpt(MailAddress recipient, Map<String, String> params) implements SmtpCommand {
        public String verb() {
            return "RCPT";
        }
    }

    record Data() implements SmtpCommand {
        public String verb() {
            return "DATA";
        }
    }

    /** RFC 3030 BDAT chunk-size [LAST]. */
    record Bdat(long size, boolean last) implements SmtpCommand {
        public String verb() {
            return "BDAT";
        }
    }

    record Rset() implements SmtpCommand {
        public String verb() {
            return "RSET";
        }
    }

    record Noop() implements SmtpCommand {
        public String verb() {
            return "NOOP";
        }
    }

    record Quit() implements SmtpCommand {
        public String verb() {
            return "QUIT";
        }
    }

    record Vrfy(String argument) implements SmtpCommand {
        public String verb() {
            return "VRFY";
        }
    }

    record Expn(String argument) implements SmtpCommand {
        public String verb() {
            return "EXPN";
        }
    }

    record Help(String topic) implements SmtpCommand {
        public String verb() {
            return "HELP";
        }
    }

    record StartTls() implements SmtpCommand {
        public String verb() {
            return "STARTTLS";
        }
    }

    /** RFC 4954 AUTH mechanism [initial-response]; initialResponse null if absent, "=" means empty. */
    record Auth(String mechanism, String initialResponse) implements SmtpCommand {
        public String verb() {
            return "AUTH";
        }
    }

    /** A command we do not implement (502) — the verb is kept for the reply and the log. */
    record Unknown(String verb) implements SmtpCommand {}
}
