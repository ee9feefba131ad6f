package org.tegami.mime;

import java.util.Locale;

/**
 * The "base subject" of RFC 5256 §2.1, used to sort and thread messages by subject: RFC 2047
 * decoded, whitespace collapsed, reply/forward prefixes ("Re:", "Fwd:", "[list]") and "(fwd)"
 * trailers removed, "[fwd: ...]" wrappers unwrapped. Computed once at delivery.
 */
public final class BaseSubject {

    private BaseSubject() {}

    /** The base subject of a raw Subject header value (null or absent gives ""). */
    public static String of(String rawSubject) {
        if (rawSubject == null) {
            return "";
        }
        // Step 1: decode encoded-words, tabs and continuations to spaces, runs of spaces to one.
        String s = collapse(EncodedWords.decode(rawSubject));
        while (true) {
            s = stripTrailers(s); // step 2
            boolean changed = true;
            while (changed) { // steps 3-5
                changed = false;
                String t = stripLeader(s);
                if (!t.equals(s)) {
                    s = t;
                    changed = true;
                }
                t = stripBlob(s);
                if (!t.equals(s)) {
                    s = t;
                    changed = true;
                }
            }
            // Step 6: "[fwd:" subject "]".
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                continue;
            }
            return s;
        }
    }

    /**
     * True if extracting the base subject removed a reply or forward marker ("Re:", "Fwd:", a
     * "[fwd: ...]" wrapper or a "(fwd)" trailer): THREAD=REFERENCES prefers the original when it
     * merges threads by subject (RFC 5256 §4 step 5).
     */
    public static boolean isReplyOrForward(String rawSubject) {
        if (rawSubject == null) {
            return false;
        }
        String s = collapse(EncodedWords.decode(rawSubject));
        while (true) {
            String t = stripTrailers(s);
            if (!t.equals(s) && s.toLowerCase(java.util.Locale.ROOT).contains("(fwd)")) {
                return true;
            }
            s = t;
            boolean changed = true;
            while (changed) {
                changed = false;
                String u = stripLeader(s);
                if (!u.equals(s)) {
                    if (!s.startsWith(" ")) {
                        return true; // a subj-refwd was removed
                    }
                    s = u;
                    changed = true;
                }
                u = stripBlob(s);
                if (!u.equals(s)) {
                    s = u;
                    changed = true;
                }
            }
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                return true;
            }
            return false;
        }
    }

    /** The base subject in the form compared by SORT and THREAD: upper case (i;unicode-casemap). */
    public static String key(String rawSubject) {
        return of(rawSubject).toUpperCase(Locale.ROOT);
    }

    private static String collapse(String in) {
        StringBuilder sb = new StringBuilder(in.length());
        boolean space = false;
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (!space) {
                    sb.append(' ');
                }
                space = true;
            } else {
                sb.append(c);
                space = false;
            }
        }
        return sb.toString();
    }

    /** subj-trailer = "(fwd)" / WSP, removed repeatedly from the end. */
    private static String stripTrailers(String s) {
        while (true) {
            if (s.endsWith(" ")) {
                s = s.substring(0, s.length() - 1);
            } else if (s.length() >= 5 && s.regionMatches(true, s.length() - 5, "(fwd)", 0, 5)) {
                s = s.substring(0, s.length() - 5);
            } else {
                return s;
            }
        }
    }

    /** subj-leader = (*subj-blob subj-refwd) / WSP: one leader off the front, if present. */
    private static String stripLeader(String s) {
        if (s.startsWith(" ")) {
            return s.substring(1);
        }
        int i = 0;
        while (true) {
            int end = blobEnd(s, i);
            if (end < 0) {
                break;
            }
            i = end;
        }
        int end = refwdEnd(s, i);
        return end < 0 ? s : s.substring(end);
    }

    /** Removes one leading subj-blob if what is left is not empty (step 4). */
    private static String stripBlob(String s) {
        int end = blobEnd(s, 0);
        if (end < 0) {
            return s;
        }
        String rest = s.substring(end);
        return isEmptyBase(rest) ? s : rest;
    }

    /** True if nothing but leaders, blobs and trailers would remain. */
    private static boolean isEmptyBase(String s) {
        return stripTrailers(s).isEmpty();
    }

    /** subj-blob = "[" *BLOBCHAR "]" *WSP; returns the index after it, or -1. */
    private static int blobEnd(String s, int from) {
        if (from >= s.length() || s.charAt(from) != '[') {
            return -1;
        }
        int i = from + 1;
        while (i < s.length() && s.charAt(i) != ']' && s.charAt(i) != '[') {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != ']') {
            return -1;
        }
        i++;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"; returns the index after it, or -1. */
    private static int refwdEnd(String s, int from) {
        int i;
        if (s.regionMatches(true, from, "re", 0, 2)) {
            i = from + 2;
        } else if (s.regionMatches(true, from, "fwd", 0, 3)) {
            i = from + 3;
        } else if (s.regionMatches(true, from, "fw", 0, 2)) {
            i = from + 2;
        } else {
            return -1;
        }
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        int blob = blobEnd(s, i);
        if (blob >= 0) {
            i = blob;
        }
        return i < s.length() && s.charAt(i) == ':' ? i + 1 : -1;
    }
}
