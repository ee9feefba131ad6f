package org.tegami.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Lenient charset lookup: mail in the wild names charsets loosely (and sometimes wrongly). */
public final class Charsets {

    private Charsets() {}

    /** The charset for a MIME name, or the fallback when unknown or absent. */
    public static Charset forName(String name, Charset fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.startsWith("\"") && n.endsWith("\"") && n.length() >= 2) {
            n = n.substring(1, n.length() - 1);
        }
        switch (n) {
            case "us-ascii", "ascii", "ansi_x3.4-1968" -> {
                // Much "us-ascii" mail carries 8-bit text; Latin-1 maps every byte to a char.
                return StandardCharsets.ISO_8859_1;
            }
            case "utf8" -> {
                return StandardCharsets.UTF_8;
            }
            case "shift-jis", "sjis", "x-sjis", "shift_jis" -> n = "windows-31j"; // superset in practice
            case "iso-2022-jp" -> n = "x-windows-iso2022jp"; // accepts Microsoft extensions too
            case "ks_c_5601-1987" -> n = "x-windows-949";
            case "gb2312" -> n = "gbk";
            default -> {}
        }
        try {
            return Charset.forName(n);
        } catch (IllegalArgumentException e) {
            try {
                return Charset.forName(name.strip());
            } catch (IllegalArgumentException e2) {
                return fallback;
            }
        }
    }
}
