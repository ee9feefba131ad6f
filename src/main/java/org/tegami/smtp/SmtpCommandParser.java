package org.tegami.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sans-I/O parser of SMTP command lines (RFC 5321 §4.1.1). Strictness where it matters for
 * security (paths, parameters), tolerance where common clients deviate harmlessly (a space after
 * "MAIL FROM:", lower-case verbs).
 */
public final class SmtpCommandParser {

    /** RFC 5321 §4.5.3.1.4: 512 octets including CRLF; SMTP extensions may add 2 × 256 (SIZE etc). */
    public static final int MAX_COMMAND_LINE = 1000;
    private static final int MAX_PARAMS = 16;

    private SmtpCommandParser() {}

    public static SmtpCommand parse(String line) throws SmtpSyntaxException {
        return parse(line, true);
    }

    /** @param smtpUtf8Allowed whether UTF-8 addresses are acceptable (RFC 6531) */
    public static SmtpCommand parse(String line, boolean smtpUtf8Allowed) throws SmtpSyntaxException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                throw syntax("5.5.2", "Syntax error: control character in command");
            }
        }
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
        String arg = sp < 0 ? "" : line.substring(sp + 1);
        return switch (verb) {
            case "HELO" -> new SmtpCommand.Helo(domainArg(arg, "HELO"));
            case "EHLO" -> new SmtpCommand.Ehlo(domainArg(arg, "EHLO"));
            case "MAIL" -> mail(arg, smtpUtf8Allowed);
            case "RCPT" -> rcpt(arg, smtpUtf8Allowed);
            case "DATA" -> noArg(arg, new SmtpCommand.Data());
            case "BDAT" -> bdat(arg);
            case "RSET" -> noArg(arg, new SmtpCommand.Rset());
            case "NOOP" -> new SmtpCommand.Noop(); // NOOP may carry a string (§4.1.1.9)
            case "QUIT" -> noArg(arg, new SmtpCommand.Quit());
            case "VRFY" -> new SmtpCommand.Vrfy(requireArg(arg, "VRFY"));
            case "EXPN" -> new SmtpCommand.Expn(requireArg(arg, "EXPN"));
            case "HELP" -> new SmtpCommand.Help(arg.strip());
            case "STARTTLS" -> noArg(arg, new SmtpCommand.StartTls());
            case "AUTH" -> auth(arg);
            default -> new SmtpCommand.Unknown(printable(verb));
        };
    }

    private static SmtpCommand noArg(String arg, SmtpCommand cmd) throws SmtpSyntaxException {
        if (!arg.isBlank()) {
            throw syntax("5.5.4", "Syntax error: " + cmd.verb() + " takes no parameters");
        }
        return cmd;
    }

    private static String requireArg(String arg, String verb) throws SmtpSyntaxException {
        if (arg.isBlank()) {
            throw syntax("5.5.4", "Syntax error: " + verb + " needs an argument");
        }
        return arg.strip();
    }

    private static String domainArg(String arg, String verb) throws SmtpSyntaxException {
        String d = arg.strip();
        if (d.isEmpty()) {
            throw syntax("5.5.4", "Syntax error: " + verb + " needs a domain or address literal");
        }
        if (d.indexOf(' ') >= 0 || d.length() > 255) {
            throw syntax("5.5.4", "Syntax error: bad " + verb + " argument");
        }
        return d;
    }

    private static SmtpCommand mail(String arg, boolean utf8) throws SmtpSyntaxException {
        if (!arg.regionMatches(true, 0, "FROM:", 0, 5)) {
            throw syntax("5.5.4", "Syntax error: use MAIL FROM:<address>");
        }
        String rest = arg.substring(5).stripLeading();
        int close = pathEnd(rest);
        MailAddress sender;
        try {
            sender = PathParser.parsePath(rest.substring(0, close + 1), utf8);
        } catch (AddressException e) {
            throw syntax("5.1.7", "Bad sender address syntax: " + e.getMessage());
        }
        return new SmtpCommand.Mail(sender, params(rest.substring(close + 1)));
    }

    private static SmtpCommand rcpt(String arg, boolean utf8) throws SmtpSyntaxException {
        if (!arg.regionMatches(true, 0, "TO:", 0, 3)) {
            throw syntax("5.5.4", "Syntax error: use RCPT TO:<address>");
        }
        String rest = arg.substring(3).stripLeading();
        int close = pathEnd(rest);
        String path = rest.substring(0, close + 1);
        MailAddress recipient;
        if (path.equalsIgnoreCase("<postmaster>")) {
            // RFC 5321 §4.5.1: <Postmaster> without domain must be accepted.
            recipient = new MailAddress("postmaster", "");
        } else {
            try {
                recipient = PathParser.parsePath(path, utf8);
            } catch (AddressException e) {
                throw syntax("5.1.3", "Bad recipient address syntax: " + e.getMessage());
            }
            if (recipient == null) {
                throw syntax("5.1.3", "Bad recipient address syntax: empty path");
            }
        }
        return new SmtpCommand.Rcpt(recipient, params(rest.substring(close + 1)));
    }

    /** Index of the '>' closing the path, honouring quoted local parts. */
    private static int pathEnd(String s) throws SmtpSyntaxException {
        if (!s.startsWith("<")) {
            throw syntax("5.5.4", "Syntax error: address must be enclosed in <>");
        }
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        throw syntax("5.5.4", "Syntax error: missing >");
    }

    private static Map<String, String> params(String s) throws SmtpSyntaxException {
        Map<String, String> params = new LinkedHashMap<>();
        String t = s.strip();
        if (t.isEmpty()) {
            return params;
        }
        if (!s.startsWith(" ")) {
            throw syntax("5.5.4", "Syntax error: parameters must follow a space");
        }
        for (String p : t.split(" +")) {
            if (params.size() >= MAX_PARAMS) {
                throw syntax("5.5.4", "Syntax error: too many parameters");
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : p.substring(eq + 1);
            if (key.isEmpty() || !key.matches("[A-Z0-9][A-Z0-9-]*")) {
                throw syntax("5.5.4", "Syntax error: bad parameter");
            }
            if (params.containsKey(key)) {
                throw syntax("5.5.4", "Syntax error: duplicate parameter " + key);
            }
            params.put(key, value);
        }
        return params;
    }

    private static SmtpCommand bdat(String arg) throws SmtpSyntaxException {
        String[] parts = arg.strip().split(" +");
        if (parts.length < 1 || parts.length > 2 || !parts[0].matches("\\d{1,18}")) {
            throw syntax("5.5.4", "Syntax error: use BDAT <size> [LAST]");
        }
        boolean last = false;
        if (parts.length == 2) {
            if (!parts[1].equalsIgnoreCase("LAST")) {
                throw syntax("5.5.4", "Syntax error: use BDAT <size> [LAST]");
            }
            last = true;
        }
        return new SmtpCommand.Bdat(Long.parseLong(parts[0]), last);
    }

    private static SmtpCommand auth(String arg) throws SmtpSyntaxException {
        String[] parts = arg.strip().split(" +");
        if (parts.length < 1 || parts.length > 2 || parts[0].isEmpty()) {
            throw syntax("5.5.4", "Syntax error: use AUTH <mechanism> [initial-response]");
        }
        return new SmtpCommand.Auth(parts[0].toUpperCase(Locale.ROOT), parts.length == 2 ? parts[1] : null);
    }

    private static String printable(String verb) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < verb.length() && sb.length() < 20; i++) {
            char c = verb.charAt(i);
            sb.append(c >= 33 && c < 127 ? c : '?');
        }
        return sb.toString();
    }

    private static SmtpSyntaxException syntax(String enhanced, String text) {
        return new SmtpSyntaxException(new Reply(501, enhanced, text));
    }
}
