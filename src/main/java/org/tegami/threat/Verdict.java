package org.tegami.threat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link ThreatAnalyzer#analyze}: a score, the action the policy assigns to it and
 * the findings that explain it, strongest first.
 */
public record Verdict(double score, Action action, List<Finding> findings) {

    public Verdict {
        findings = List.copyOf(findings);
    }

    /** Scores findings (each id counts once, at its highest weight) and applies the policy. */
    public static Verdict of(List<Finding> findings, ThreatPolicy policy) {
        Map<String, Finding> strongest = new LinkedHashMap<>();
        List<Finding> unique = new ArrayList<>();
        for (Finding f : findings) {
            boolean duplicate = false;
            for (Finding u : unique) {
                if (u.id().equals(f.id()) && u.explanation().equals(f.explanation())) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                unique.add(f);
            }
            strongest.merge(f.id(), f, (a, b) -> b.weight() > a.weight() ? b : a);
        }
        double score = 0;
        for (Finding f : strongest.values()) {
            score += f.weight();
        }
        score = round(score);
        unique.sort(Comparator.comparingDouble(Finding::weight).reversed());
        Action action = unique.isEmpty() ? Action.DELIVER : policy.actionFor(score);
        return new Verdict(score, action, unique);
    }

    /** A verdict with nothing found. */
    public static Verdict clean() {
        return new Verdict(0, Action.DELIVER, List.of());
    }

    /** Distinct finding ids in order of first appearance (strongest first). */
    public List<String> findingIds() {
        List<String> ids = new ArrayList<>();
        for (Finding f : findings) {
            if (!ids.contains(f.id())) {
                ids.add(f.id());
            }
        }
        return ids;
    }

    public boolean has(String id) {
        for (Finding f : findings) {
            if (f.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** The X-Tegami-Verdict header value: {@code action=tag; score=7.5; findings=a,b}. */
    public String headerValue() {
        StringBuilder sb = new StringBuilder();
        sb.append("action=").append(action.label()).append("; score=").append(number(score));
        if (!findings.isEmpty()) {
            sb.append("; findings=").append(String.join(",", findingIds()));
        }
        return sb.toString();
    }

    /** One JSON object: {"action":..., "score":..., "findings":[{"id","weight","explanation"}]}. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(128 + findings.size() * 160);
        sb.append("{\"action\":\"").append(action.label()).append("\",\"score\":").append(number(score));
        sb.append(",\"findings\":[");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":");
            jsonString(sb, f.id());
            sb.append(",\"weight\":").append(number(f.weight())).append(",\"explanation\":");
            jsonString(sb, f.explanation());
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    static double round(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** A plain decimal without exponent or needless ".0" noise beyond one digit. */
    static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(round(v)).stripTrailingZeros();
        if (d.scale() < 1) {
            d = d.setScale(1, RoundingMode.UNNECESSARY);
        }
        return d.toPlainString();
    }

    private static void jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
