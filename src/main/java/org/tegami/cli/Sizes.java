package org.tegami.cli;

import java.util.Locale;

/** "1G", "500M", "12345" -> bytes. */
final class Sizes {

    private Sizes() {}

    static long parse(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT).replace("B", "");
        long mult = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G") || t.endsWith("T")) {
            char u = t.charAt(t.length() - 1);
            mult = switch (u) {
                case 'K' -> 1024L;
                case 'M' -> 1024L * 1024;
                case 'G' -> 1024L * 1024 * 1024;
                default -> 1024L * 1024 * 1024 * 1024;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: " + s + " (use bytes or a K/M/G suffix)");
        }
    }
}
