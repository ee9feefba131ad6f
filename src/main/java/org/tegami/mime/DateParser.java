package org.tegami.mime;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lenient parser for RFC 5322 §3.3 date-time values (the Date: header), accepting the obsolete
 * forms of §4.3: optional day name, two-digit years, missing seconds, comments, and the old zone
 * names (UT, GMT, EST...). Used for SENTBEFORE/SENTON/SENTSINCE and SORT DATE (RFC 5256).
 */
public final class DateParser {

    private static final String[] MONTHS =
            {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

    private DateParser() {}

    /** The date, keeping the offset it was written in, or null if it cannot be read. */
    public static OffsetDateTime parse(String value) {
        if (value == null) {
            return null;
        }
        List<String> tokens = tokens(value);
        int i = 0;
        if (i < tokens.size() && isDayName(tokens.get(i))) {
            i++;
        }
        if (tokens.size() - i < 4) {
            return null;
        }
        try {
            int day;
            int month;
            if (isNumber(tokens.get(i))) {
                day = Integer.parseInt(tokens.get(i));
                month = month(tokens.get(i + 1));
            } else { // "Mar 24 2007" as some mailers write it
                month = month(tokens.get(i));
                day = isNumber(tokens.get(i + 1)) ? Integer.parseInt(tokens.get(i + 1)) : -1;
            }
            String yearToken = tokens.get(i + 2);
            if (month < 0 || day < 1 || day > 31 || !isNumber(yearToken) || yearToken.length() > 4) {
                return null;
            }
            int year = Integer.parseInt(yearToken);
            if (yearToken.length() <= 2) {
                year += year < 50 ? 2000 : 1900; // RFC 5322 §4.3
            } else if (yearToken.length() == 3) {
                year += 1900;
            }
            int[] hms = time(tokens.get(i + 3));
            if (hms == null) {
                return null;
            }
            ZoneOffset zone = i + 4 < tokens.size() ? zone(tokens.get(i + 4)) : ZoneOffset.UTC;
            if (zone == null) {
                zone = ZoneOffset.UTC; // RFC 5322 §4.3: unknown zones are treated as "-0000"
            }
            return OffsetDateTime.of(year, month, day, hms[0], hms[1], hms[2], 0, zone);
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    /** Splits at spaces and commas, dropping (comments). */
    private static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < value.length() && out.size() < 16; i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                if (c == ' ' || c == ',' || c == '\t' || c == '\r' || c == '\n') {
                    if (cur.length() > 0) {
                        out.add(cur.toString());
                        cur.setLength(0);
                    }
                } else if (c == '-' && dateDash(cur.toString())) {
                    out.add(cur.toString()); // "24-Mar-2007"
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** A "-" right after a day number or a month name separates date parts (not a zone sign). */
    private static boolean dateDash(String cur) {
        return !cur.isEmpty() && (isNumber(cur) && cur.length() <= 2 || cur.length() == 3 && month(cur) >= 0);
    }

    private static boolean isDayName(String t) {
        return t.length() >= 3 && !isNumber(t) && month(t) < 0 && Character.isLetter(t.charAt(0));
    }

    private static boolean isNumber(String t) {
        if (t.isEmpty() || t.length() > 9) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int month(String t) {
        if (t.length() < 3) {
            return -1;
        }
        String m = t.substring(0, 3).toUpperCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(m)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int[] time(String t) {
        String[] p = t.split(":");
        if (p.length < 2 || p.length > 3) {
            return null;
        }
        int[] out = new int[3];
        for (int i = 0; i < p.length; i++) {
            if (!isNumber(p[i]) || p[i].length() > 2) {
                return null;
            }
            out[i] = Integer.parseInt(p[i]);
        }
        if (out[0] > 23 || out[1] > 59 || out[2] > 60) {
            return null;
        }
        out[2] = Math.min(out[2], 59); // leap second
        return out;
    }

    private static ZoneOffset zone(String t) {
        if ((t.startsWith("+") || t.startsWith("-")) && t.length() == 5 && isNumber(t.substring(1))) {
            int h = Integer.parseInt(t.substring(1, 3));
            int m = Integer.parseInt(t.substring(3, 5));
            if (h > 18 || m > 59 || h == 18 && m > 0) {
                return null;
            }
            int sign = t.charAt(0) == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * h, sign * m);
        }
        return switch (t.toUpperCase(Locale.ROOT)) {
            case "UT", "UTC", "GMT", "Z" -> ZoneOffset.UTC;
            case "EST" -> ZoneOffset.ofHours(-5);
            case "EDT" -> ZoneOffset.ofHours(-4);
            case "CST" -> ZoneOffset.ofHours(-6);
            case "CDT" -> ZoneOffset.ofHours(-5);
            case "MST" -> ZoneOffset.ofHours(-7);
            case "MDT" -> ZoneOffset.ofHours(-6);
            case "PST" -> ZoneOffset.ofHours(-8);
            case "PDT" -> ZoneOffset.ofHours(-7);
            default -> null;
        };
    }
}
