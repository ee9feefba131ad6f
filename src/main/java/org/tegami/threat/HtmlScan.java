package org.tegami.threat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Everything the detectors need from one parsed HTML document, gathered in a single walk over
 * its nodes (instead of one walk for the text, one per selector and one for the checks): the
 * visible body text, the links with the text they show, and the active or deceptive content
 * (scripts, event handlers, forms, frames, script URLs, meta refresh, tracking pixels, hidden text).
 * The walk stops after {@link #MAX_NODES} nodes, so a hostile document costs bounded work.
 */
final class HtmlScan {

    static final int MAX_NODES = 50_000;
    private static final int MAX_LINKS = 500;
    private static final int MAX_LINK_TEXT = 300;

    private static final Pattern HIDDEN_STYLE = Pattern.compile(
            "display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0(?:px|pt|em)?\\s*(?:;|$|!)|opacity\\s*:\\s*0(?:\\.0+)?\\s*(?:;|$)"
                    + "|max-height\\s*:\\s*0|(?<![-\\w])color\\s*:\\s*(?:#fff(?:fff)?|white|transparent)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TINY_WIDTH = Pattern.compile("(?:^|;)width:[01](?:px)?(?:;|$)");
    private static final Pattern TINY_HEIGHT = Pattern.compile("(?:^|;)height:[01](?:px)?(?:;|$)");

    /** A link as the reader sees it: its target and its text (empty for a form's action). */
    record Link(String href, String text) {}

    final List<String> scripts = new ArrayList<>();
    final List<String> handlers = new ArrayList<>();
    final List<String> frames = new ArrayList<>();
    final List<Link> links = new ArrayList<>();
    int forms;
    boolean passwordField;
    boolean jsUrl;
    String metaRefresh;
    int pixels;
    int hiddenChars;
    /** Visible text of the body, whitespace collapsed, at most {@code maxText} characters. */
    private final StringBuilder text = new StringBuilder();
    private final int maxText;

    private HtmlScan(int maxText) {
        this.maxText = maxText;
    }

    /** Scans a document; {@code maxText} bounds the body text kept (0 when only the checks matter). */
    static HtmlScan of(Document doc, int maxText) {
        HtmlScan s = new HtmlScan(maxText);
        NodeTraversor.filter(s.new Walker(), doc);
        return s;
    }

    String text() {
        return text.toString();
    }

    boolean active() {
        return !scripts.isEmpty() || !handlers.isEmpty() || forms > 0 || !frames.isEmpty() || jsUrl || metaRefresh != null;
    }

    /** The walk: element checks on entry, text to the body text, open links and hidden-text count. */
    private final class Walker implements NodeFilter {
        private int nodes;
        private int bodyDepth;
        /** Text of the links being walked (nested links are possible in broken HTML). */
        private final Deque<StringBuilder> openLinks = new ArrayDeque<>();
        private final Deque<Element> openLinkElements = new ArrayDeque<>();
        /** Hidden elements being walked (their style is read once, on entry). */
        private final Deque<Element> hiddenElements = new ArrayDeque<>();

        @Override
        public FilterResult head(Node node, int depth) {
            if (++nodes > MAX_NODES) {
                return FilterResult.STOP;
            }
            if (node instanceof TextNode t) {
                text(t);
            } else if (node instanceof Element e) {
                element(e);
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals("body")) {
                    bodyDepth--;
                }
                if (!hiddenElements.isEmpty() && hiddenElements.peek() == e) {
                    hiddenElements.pop();
                }
                if (!openLinkElements.isEmpty() && openLinkElements.peek() == e) {
                    openLinkElements.pop();
                    StringBuilder t = openLinks.pop();
                    if (links.size() < MAX_LINKS) {
                        links.add(new Link(e.attr("href"), collapse(t)));
                    }
                }
                if (bodyDepth > 0 && (e.isBlock() || tag.equals("br"))) {
                    space();
                }
            }
            return FilterResult.CONTINUE;
        }

        private void text(TextNode t) {
            String s = t.getWholeText();
            if (!hiddenElements.isEmpty()) {
                hiddenChars += s.strip().length();
            }
            for (StringBuilder l : openLinks) {
                if (l.length() < MAX_LINK_TEXT) {
                    l.append(s, 0, Math.min(s.length(), MAX_LINK_TEXT - l.length()));
                }
            }
            if (bodyDepth > 0) {
                appendCollapsed(s);
            }
        }

        private void element(Element e) {
            String tag = e.normalName();
            switch (tag) {
                case "body" -> bodyDepth++;
                case "script" -> scripts.add(e.hasAttr("src") ? e.attr("src") : "inline");
                case "form" -> {
                    forms++;
                    if (e.hasAttr("action") && links.size() < MAX_LINKS) {
                        links.add(new Link(e.attr("action"), ""));
                    }
                }
                case "iframe", "frame", "object", "embed", "applet" -> frames.add(tag);
                case "input" -> passwordField |= e.attr("type").equalsIgnoreCase("password");
                case "meta" -> {
                    if (e.attr("http-equiv").equalsIgnoreCase("refresh") && e.attr("content").toLowerCase(Locale.ROOT).contains("url")) {
                        metaRefresh = e.attr("content");
                    }
                }
                case "img" -> pixels += isPixel(e) ? 1 : 0;
                case "a", "area" -> {
                    if (e.hasAttr("href")) {
                        openLinkElements.push(e);
                        openLinks.push(new StringBuilder());
                    }
                }
                default -> {}
            }
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                if (key.startsWith("on") && key.length() > 2 && handlers.size() < 20) {
                    handlers.add(key);
                }
                if (!jsUrl && (key.equals("href") || key.equals("src") || key.equals("action") || key.equals("formaction")
                        || key.equals("xlink:href") || key.equals("data")) && scriptUrl(a.getValue())) {
                    jsUrl = true;
                }
            }
            if (hidden(e)) {
                hiddenElements.push(e);
            }
            if (bodyDepth > 0 && (e.isBlock() || tag.equals("br"))) {
                space();
            }
        }
    }

    private static boolean hidden(Element e) {
        return e.hasAttr("hidden") || e.hasAttr("style") && HIDDEN_STYLE.matcher(e.attr("style")).find();
    }

    /** Appends text with whitespace runs as one space, copying the runs between them in bulk. */
    private void appendCollapsed(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && text.length() < maxText) {
            int start = i;
            while (i < n && !whitespace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                text.append(s, start, Math.min(i, start + maxText - text.length()));
            }
            if (i < n) {
                space();
                while (i < n && whitespace(s.charAt(i))) {
                    i++;
                }
            }
        }
    }

    private static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u00a0';
    }

    private void space() {
        int n = text.length();
        if (n > 0 && n < maxText && text.charAt(n - 1) != ' ') {
            text.append(' ');
        }
    }

    private static String collapse(StringBuilder s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u00a0';
            if (!ws) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        return out.toString().strip();
    }

    /**
     * A javascript:, vbscript: or data:text/html URL; browsers ignore whitespace and control
     * characters inside the scheme ("java\tscript:"), so they are skipped here too.
     */
    static boolean scriptUrl(String value) {
        StringBuilder head = new StringBuilder(16);
        for (int i = 0; i < value.length() && head.length() < 14; i++) {
            char c = value.charAt(i);
            if (c > ' ') {
                head.append(Character.toLowerCase(c));
            }
        }
        String h = head.toString();
        return h.startsWith("javascript:") || h.startsWith("vbscript:") || h.startsWith("data:text/html");
    }

    private static boolean isPixel(Element img) {
        String src = img.attr("src").toLowerCase(Locale.ROOT);
        if (!src.startsWith("http://") && !src.startsWith("https://") && !src.startsWith("//")) {
            return false;
        }
        String w = img.attr("width").replace("px", "").strip();
        String h = img.attr("height").replace("px", "").strip();
        String style = img.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
        boolean tinyAttr = (w.equals("0") || w.equals("1")) && (h.equals("0") || h.equals("1"));
        boolean tinyStyle = TINY_WIDTH.matcher(style).find() && TINY_HEIGHT.matcher(style).find();
        return tinyAttr || tinyStyle || style.contains("display:none") && src.length() > 8;
    }
}
