package org.tegami.threat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a file really is, from its first bytes (and a few fixed offsets), whatever its name says.
 * Only the kinds that matter for threat analysis are told apart.
 */
final class FileSniffer {

    enum Kind {
        PE("a Windows program (PE)"),
        ELF("a Linux program (ELF)"),
        MACHO("a macOS program (Mach-O)"),
        JAVA_CLASS("compiled Java code"),
        LNK("a Windows shortcut (.lnk)"),
        ISO("a disk image (ISO 9660/UDF)"),
        VHD("a virtual disk image"),
        DMG("a macOS disk image"),
        OLE2("an OLE2 compound document"),
        ZIP("a zip archive"),
        RAR("a RAR archive"),
        SEVEN_ZIP("a 7-Zip archive"),
        GZIP("a gzip file"),
        CAB("a Windows cabinet archive"),
        ACE("an ACE archive"),
        PDF("a PDF document"),
        RTF("an RTF document"),
        HTML("a web page (HTML)"),
        SVG("an SVG image"),
        HTA("an HTML application (HTA)"),
        SCRIPT("a script"),
        ONENOTE("a OneNote document"),
        UNKNOWN("a file");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private static final byte[] LNK_HEADER = {0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xc0, 0, 0, 0, 0, 0, 0, 0x46};
    private static final byte[] OLE2 = {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1};
    private static final byte[] ONENOTE = {(byte) 0xe4, 0x52, 0x5c, 0x7b, (byte) 0x8c, (byte) 0xd8, (byte) 0xa7, 0x4d};

    /** Strong markers of script droppers, looked for in text-like content. */
    private static final PhraseSet<String> SCRIPT_MARKERS = PhraseSet.single(
            "wscript\\.shell|activexobject|createobject\\s*\\(|shell\\.application|powershell(?:\\.exe)?\\s+-(?:e|enc|encodedcommand|nop|w|windowstyle|exec)"
                    + "|invoke-expression|\\biex\\s*\\(|frombase64string|downloadstring|downloadfile|invoke-webrequest"
                    + "|new-object\\s+net\\.webclient|cmd(?:\\.exe)?\\s+/c\\s|mshta\\s|certutil\\s+-(?:decode|urlcache)"
                    + "|regsvr32\\s|rundll32\\s|bitsadmin\\s+/transfer|start-process\\s"); // matched against lower-cased text

    private FileSniffer() {}

    static Kind sniff(byte[] d) {
        if (d.length < 4) {
            return Kind.UNKNOWN;
        }
        Kind k = binary(d);
        return k != Kind.UNKNOWN ? k : text(d);
    }

    private static Kind binary(byte[] d) {
        int b0 = d[0] & 0xff;
        int b1 = d[1] & 0xff;
        if (b0 == 'M' && b1 == 'Z' && d.length >= 64) {
            return Kind.PE; // DOS/PE executables (and DLLs, .scr, .cpl, .xll)
        }
        if (startsWith(d, 0, new byte[] {0x7f, 'E', 'L', 'F'})) {
            return Kind.ELF;
        }
        int magic = u32be(d, 0);
        if (magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe) {
            return Kind.MACHO;
        }
        if (magic == 0xcafebabe && d.length >= 8) {
            // Universal Mach-O binaries and Java classes share this magic: a Mach-O carries a small
            // architecture count here, a class file its version (major >= 45).
            return u32be(d, 4) < 40 ? Kind.MACHO : Kind.JAVA_CLASS;
        }
        if (startsWith(d, 0, LNK_HEADER)) {
            return Kind.LNK;
        }
        if (startsWith(d, 0, OLE2)) {
            return Kind.OLE2;
        }
        if (startsWith(d, 0, ONENOTE)) {
            return Kind.ONENOTE;
        }
        if (b0 == 'P' && b1 == 'K' && (d[2] == 3 && d[3] == 4 || d[2] == 5 && d[3] == 6 || d[2] == 7 && d[3] == 8)) {
            return Kind.ZIP;
        }
        if (startsWith(d, 0, "Rar!\u001a\u0007".getBytes(StandardCharsets.ISO_8859_1))) {
            return Kind.RAR;
        }
        if (startsWith(d, 0, new byte[] {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c})) {
            return Kind.SEVEN_ZIP;
        }
        if (b0 == 0x1f && b1 == 0x8b) {
            return Kind.GZIP;
        }
        if (startsWith(d, 0, "MSCF".getBytes(StandardCharsets.ISO_8859_1))) {
            return Kind.CAB;
        }
        if (d.length > 14 && startsWith(d, 7, "**ACE**".getBytes(StandardCharsets.ISO_8859_1))) {
            return Kind.ACE;
        }
        if (indexOf(d, "%PDF-".getBytes(StandardCharsets.ISO_8859_1), 0, Math.min(d.length, 1024)) >= 0) {
            return Kind.PDF;
        }
        if (startsWith(d, 0, "{\\rt".getBytes(StandardCharsets.ISO_8859_1))) {
            return Kind.RTF;
        }
        for (int off : new int[] {0x8001, 0x8801, 0x9001}) {
            if (d.length > off + 5 && (startsWith(d, off, "CD001".getBytes(StandardCharsets.ISO_8859_1))
                    || startsWith(d, off, "BEA01".getBytes(StandardCharsets.ISO_8859_1)))) {
                return Kind.ISO;
            }
        }
        if (startsWith(d, 0, "conectix".getBytes(StandardCharsets.ISO_8859_1))
                || startsWith(d, 0, "vhdxfile".getBytes(StandardCharsets.ISO_8859_1))
                || d.length >= 512 && startsWith(d, d.length - 512, "conectix".getBytes(StandardCharsets.ISO_8859_1))) {
            return Kind.VHD;
        }
        if (d.length >= 512 && startsWith(d, d.length - 512, "koly".getBytes(StandardCharsets.ISO_8859_1))) {
            return Kind.DMG;
        }
        return Kind.UNKNOWN;
    }

    private static Kind text(byte[] d) {
        int n = Math.min(d.length, 64 * 1024);
        String head = new String(d, 0, n, StandardCharsets.ISO_8859_1);
        String lower = head.toLowerCase(Locale.ROOT);
        String start = lower.stripLeading();
        if (start.startsWith("\u00ef\u00bb\u00bf")) {
            start = start.substring(3).stripLeading(); // UTF-8 byte order mark
        }
        if (lower.contains("<hta:application")) {
            return Kind.HTA;
        }
        if (start.startsWith("#!") || start.startsWith("@echo off")) {
            return Kind.SCRIPT;
        }
        if (start.startsWith("<svg") || start.startsWith("<?xml") && lower.contains("<svg")) {
            return Kind.SVG;
        }
        if (start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head")
                || start.startsWith("<body") || start.startsWith("<script") || start.startsWith("<meta")
                || start.startsWith("<form") || start.startsWith("<iframe")) {
            return Kind.HTML;
        }
        if (looksText(d, n) && SCRIPT_MARKERS.find(lower) != null) {
            return Kind.SCRIPT;
        }
        return Kind.UNKNOWN;
    }

    /** The first script-dropper marker in text-like content, or null. */
    static String scriptMarker(byte[] d) {
        int n = Math.min(d.length, 64 * 1024);
        if (!looksText(d, n)) {
            return null;
        }
        String m = SCRIPT_MARKERS.find(new String(d, 0, n, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
        return m == null ? null : m.strip();
    }

    private static boolean looksText(byte[] d, int n) {
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = d[i] & 0xff;
            if (b < 0x09 || b > 0x0d && b < 0x20) {
                control++;
            }
        }
        return control * 50 < n;
    }

    static boolean startsWith(byte[] d, int off, byte[] prefix) {
        if (off < 0 || d.length - off < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (d[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] d, byte[] needle, int from, int to) {
        int end = Math.min(to, d.length) - needle.length;
        outer:
        for (int i = Math.max(0, from); i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (d[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int u32be(byte[] d, int off) {
        return (d[off] & 0xff) << 24 | (d[off + 1] & 0xff) << 16 | (d[off + 2] & 0xff) << 8 | d[off + 3] & 0xff;
    }
}
