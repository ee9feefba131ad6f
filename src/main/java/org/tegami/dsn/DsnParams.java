package org.tegami.dsn;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tegami.smtp.Reply;

/**
 * The SMTP DSN extension parameters of RFC 3461: RET and ENVID on MAIL (§4.3, §4.4), NOTIFY and
 * ORCPT on RCPT (§4.1, §4.2). Parsing and validation only; the queue decides what to do with them.
 */
public final class DsnParams {

    /** RFC 3461 §4.1 NOTIFY keywords. */
    public enum Notify { SUCCESS, FAILURE, DELAY }

    /** RFC 3461 §4.3: what a failure DSN returns of the message. */
    public enum Ret { FULL, HDRS }

    public static final Set<String> MAIL_PARAMS = Set.of("RET", "ENVID");
    public static final Set<String> RCPT_PARAMS = Set.of("NOTIFY", "ORCPT");

    /** RFC 3461 §4.4: ENVID is at most 100 characters. */
    private static final int MAX_ENVID = 100;
    /** RFC 3461 §4.2: ORCPT's xtext is at most 500 characters. */
    private static final int MAX_ORCPT = 500;

    private DsnParams() {}

    /** Why the MAIL parameters are unacceptable (501 5.5.4), or null when they are fine. */
    public static Reply checkMail(Map<String, String> params) {
        String ret = params.get("RET");
        if (params.containsKey("RET") && (ret == null || parseRet(ret) == null)) {
            return new Reply(501, "5.5.4", "RET must be FULL or HDRS (RFC 3461 §4.3)");
        }
        if (params.containsKey("ENVID")) {
            String envid = params.get("ENVID");
            if (envid == null || envid.length() > MAX_ENVID || decodeXtext(envid) == null) {
                return new Reply(501, "5.5.4", "ENVID must be xtext of at most 100 characters (RFC 3461 §4.4)");
            }
        }
        return null;
    }

    /** Why the RCPT parameters are unacceptable, or null. */
    public static Reply checkRcpt(Map<String, String> params) {
        if (params.containsKey("NOTIFY")) {
            String n = params.get("NOTIFY");
            if (n == null || parseNotify(n) == null) {
                return new Reply(501, "5.5.4", "NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY (RFC 3461 §4.1)");
            }
        }
        if (params.containsKey("ORCPT")) {
            String o = params.get("ORCPT");
            int semi = o == null ? -1 : o.indexOf(';');
            if (semi <= 0 || o.length() > MAX_ORCPT || decodeXtext(o.substring(semi + 1)) == null
                    || !o.substring(0, semi).matches("[A-Za-z0-9-]+")) {
                return new Reply(501, "5.5.4", "ORCPT must be addr-type;xtext (RFC 3461 §4.2)");
            }
        }
        return null;
    }

    /**
     * The NOTIFY set; empty for NEVER; null if malformed. Absent NOTIFY means FAILURE and DELAY
     * (RFC 3461 §4.1: the MTA's default, as every MTA does it).
     */
    public static Set<Notify> parseNotify(String value) {
        if (value == null) {
            return EnumSet.of(Notify.FAILURE, Notify.DELAY);
        }
        if (value.equalsIgnoreCase("NEVER")) {
            return EnumSet.noneOf(Notify.class);
        }
        EnumSet<Notify> out = EnumSet.noneOf(Notify.class);
        for (String part : value.split(",", -1)) {
            try {
                out.add(Notify.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return out;
    }

    public static Ret parseRet(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "FULL" -> Ret.FULL;
            case "HDRS" -> Ret.HDRS;
            default -> null;
        };
    }

    /** RFC 3461 §4: xtext "+" HEXCHAR HEXCHAR; other characters are "!" .. "~" except "+" and "=". Null if malformed. */
    public static String decodeXtext(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                char h1 = s.charAt(i + 1);
                char h2 = s.charAt(i + 2);
                int hi = Character.digit(h1, 16);
                int lo = Character.digit(h2, 16);
                // hexchar is upper case only (RFC 3461 §4)
                if (hi < 0 || lo < 0 || Character.isLowerCase(h1) || Character.isLowerCase(h2)) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c >= '!' && c <= '~' && c != '=') {
                out.write(c);
            } else {
                return null;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Encodes text as xtext (RFC 3461 §4). */
    public static String encodeXtext(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= '!' && c <= '~' && c != '+' && c != '=') {
                sb.append((char) c);
            } else {
                sb.append('+').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
