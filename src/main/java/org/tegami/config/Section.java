package org.tegami.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Typed, line-aware access to one [section] of tegami.toml. Each getter validates its value and
 * reports errors as "FILE:LINE: [section] key: problem"; keys never read are reported as unknown
 * at the end, so typos do not pass silently.
 */
public final class Section {

    private final String file;
    private final String name;
    private final TomlTable table; // null when the section is absent
    private final TomlPosition sectionPosition;
    private final Set<String> read = new HashSet<>();

    Section(String file, String name, TomlTable table, TomlPosition sectionPosition) {
        this.file = file;
        this.name = name;
        this.table = table;
        this.sectionPosition = sectionPosition;
    }

    public String name() {
        return name;
    }

    public boolean present() {
        return table != null;
    }

    public boolean has(String key) {
        return table != null && table.contains(List.of(key));
    }

    public String string(String key, String def) throws ConfigException {
        read.add(key);
        if (!has(key)) {
            return def;
        }
        Object v = table.get(List.of(key));
        if (!(v instanceof String s)) {
            throw error(key, "must be a string (in quotes)");
        }
        return s;
    }

    public String choice(String key, String def, String... allowed) throws ConfigException {
        String v = string(key, def);
        if (v == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw error(key, "must be one of " + String.join(", ", allowed) + " (got \"" + v + "\")");
    }

    public long integer(String key, long def, long min, long max) throws ConfigException {
        read.add(key);
        if (!has(key)) {
            return def;
        }
        Object v = table.get(List.of(key));
        if (!(v instanceof Long l)) {
            throw error(key, "must be an integer");
        }
        if (l < min || l > max) {
            throw error(key, "must be between " + min + " and " + max + " (got " + l + ")");
        }
        return l;
    }

    /** True if the key is present and its value is a string. */
    public boolean isString(String key) {
        return has(key) && table.get(List.of(key)) instanceof String;
    }

    /** A number, written as an integer or a decimal. */
    public double number(String key, double def) throws ConfigException {
        read.add(key);
        if (!has(key)) {
            return def;
        }
        Object v = table.get(List.of(key));
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && Double.isFinite(d)) {
            return d;
        }
        throw error(key, "must be a number");
    }

    public boolean bool(String key, boolean def) throws ConfigException {
        read.add(key);
        if (!has(key)) {
            return def;
        }
        Object v = table.get(List.of(key));
        if (!(v instanceof Boolean b)) {
            throw error(key, "must be true or false");
        }
        return b;
    }

    /** A duration written as "30s", "5m", "2h", "5d" or a number of seconds. */
    public Duration duration(String key, Duration def) throws ConfigException {
        read.add(key);
        if (!has(key)) {
            return def;
        }
        Object v = table.get(List.of(key));
        if (v instanceof Long l && l >= 0) {
            return Duration.ofSeconds(l);
        }
        if (v instanceof String s) {
            Duration d = parseDuration(s);
            if (d != null) {
                return d;
            }
        }
        throw error(key, "must be a duration such as \"30s\", \"5m\", \"2h\" or \"5d\"");
    }

    /** A size written as a number of bytes or "512K", "50M", "1G". */
    public long size(String key, long def) throws ConfigException {
        read.add(key);
        if (!has(key)) {
            return def;
        }
        Object v = table.get(List.of(key));
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        if (v instanceof String s && s.matches("(?i)\\d+\\s*[KMG]?B?")) {
            String t = s.toUpperCase(java.util.Locale.ROOT).replace("B", "").strip();
            long mult = 1;
            char last = t.charAt(t.length() - 1);
            if (last == 'K' || last == 'M' || last == 'G') {
                mult = last == 'K' ? 1024L : last == 'M' ? 1024L * 1024 : 1024L * 1024 * 1024;
                t = t.substring(0, t.length() - 1).strip();
            }
            try {
                return Math.multiplyExact(Long.parseLong(t), mult);
            } catch (ArithmeticException | NumberFormatException e) {
                // fall through
            }
        }
        throw error(key, "must be a size in bytes, or like \"512K\", \"50M\", \"1G\"");
    }

    public List<String> strings(String key, List<String> def) throws ConfigException {
        read.add(key);
        if (!has(key)) {
            return def;
        }
        Object v = table.get(List.of(key));
        if (!(v instanceof TomlArray array)) {
            throw error(key, "must be a list of strings, like [\"a\", \"b\"]");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String s)) {
                throw error(key, "must be a list of strings, like [\"a\", \"b\"]");
            }
            out.add(s);
        }
        return out;
    }

    /** An error about a key, located at the key's line (or the section's, if the key is absent). */
    public ConfigException error(String key, String problem) {
        TomlPosition pos = has(key) ? table.inputPositionOf(List.of(key)) : sectionPosition;
        String where = pos == null ? file : file + ":" + pos.line();
        return new ConfigException(where + ": [" + name + "] " + key + ": " + problem);
    }

    /** Fails on any key of this section that no getter asked for. */
    void checkUnknownKeys() throws ConfigException {
        if (table == null) {
            return;
        }
        for (String key : table.keySet()) {
            if (!read.contains(key)) {
                TomlPosition pos = table.inputPositionOf(List.of(key));
                throw new ConfigException((pos == null ? file : file + ":" + pos.line())
                        + ": [" + name + "] " + key + ": unknown key (see the README for the keys of [" + name + "])");
            }
        }
    }

    static Duration parseDuration(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        if (!t.matches("\\d+(ms|s|m|h|d)?")) {
            return null;
        }
        String digits = t.replaceAll("[a-z]+$", "");
        String unit = t.substring(digits.length());
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "", "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> null;
        };
    }
}
