package org.tegami.threat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for active content in a PDF (ISO 32000): JavaScript (/JavaScript, /JS), /Launch actions,
 * actions that run on opening (/OpenAction, /AA), embedded files and their names. Names are read
 * with their #xx escapes undone (/J#61vaScript), and Flate-compressed streams — where object
 * streams hide such names — are inflated within the shared budget.
 */
final class PdfInspector {

    /** What was found in one PDF. */
    record Report(Set<String> names, List<String> embeddedFileNames, boolean partial) {
        boolean has(String name) {
            return names.contains(name);
        }
    }

    private static final Set<String> INTERESTING = Set.of(
            "JavaScript", "JS", "Launch", "OpenAction", "AA", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA",
            "SubmitForm", "ImportData", "GoToE", "ObjStm");
    private static final Pattern FILE_NAME = Pattern.compile("/(?:UF|F)\\s*\\(([^)\\\\]{1,200})\\)");
    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_STREAMS = 400;
    private static final int MAX_STREAM_OUT = 4 * 1024 * 1024;

    private PdfInspector() {}

    static Report inspect(byte[] pdf, Budget budget) {
        Set<String> names = new LinkedHashSet<>();
        List<String> files = new ArrayList<>();
        scan(pdf, 0, pdf.length, names, files);
        boolean partial = inflateStreams(pdf, budget, names, files);
        return new Report(names, files, partial);
    }

    /** Collects interesting /Names and embedded file names in d[from, to). */
    private static void scan(byte[] d, int from, int to, Set<String> names, List<String> files) {
        int i = from;
        while (i < to) {
            byte b = d[i];
            if (b != '/') {
                i++;
                continue;
            }
            int j = i + 1;
            StringBuilder name = new StringBuilder();
            while (j < to && name.length() < 64) {
                int c = d[j] & 0xff;
                if (c == '#' && j + 2 < to && hex(d[j + 1]) >= 0 && hex(d[j + 2]) >= 0) {
                    name.append((char) (hex(d[j + 1]) * 16 + hex(d[j + 2])));
                    j += 3;
                    continue;
                }
                if (c <= 32 || c >= 127 || "/()<>[]{}%".indexOf(c) >= 0) {
                    break;
                }
                name.append((char) c);
                j++;
            }
            String n = name.toString();
            if (INTERESTING.contains(n)) {
                names.add(n);
                if ((n.equals("EmbeddedFile") || n.equals("EmbeddedFiles")) && files.size() < 20) {
                    fileNamesNear(d, Math.max(from, i - 2000), Math.min(to, i + 2000), files);
                }
            }
            i = Math.max(j, i + 1);
        }
    }

    private static void fileNamesNear(byte[] d, int from, int to, List<String> files) {
        Matcher m = FILE_NAME.matcher(new String(d, from, to - from, StandardCharsets.ISO_8859_1));
        while (m.find() && files.size() < 20) {
            String f = m.group(1).strip();
            if (!f.isEmpty() && !files.contains(f)) {
                files.add(f);
            }
        }
    }

    /** Inflates FlateDecode streams and scans them; true if the budget stopped it early. */
    private static boolean inflateStreams(byte[] d, Budget budget, Set<String> names, List<String> files) {
        int pos = 0;
        int streams = 0;
        while (streams < MAX_STREAMS) {
            int s = FileSniffer.indexOf(d, STREAM, pos, d.length);
            if (s < 0) {
                return false;
            }
            pos = s + STREAM.length;
            if (s >= 3 && d[s - 3] == 'e' && d[s - 2] == 'n' && d[s - 1] == 'd') {
                continue; // "endstream"
            }
            int dictStart = Math.max(0, s - 600);
            String dict = new String(d, dictStart, s - dictStart, StandardCharsets.ISO_8859_1);
            int lastDict = dict.lastIndexOf("<<");
            String own = lastDict >= 0 ? dict.substring(lastDict) : dict;
            if (!own.contains("/FlateDecode") && !own.contains("/Fl ") || own.contains("/Image") || own.contains("/FontFile")) {
                continue;
            }
            int dataStart = pos;
            if (dataStart < d.length && d[dataStart] == '\r') {
                dataStart++;
            }
            if (dataStart < d.length && d[dataStart] == '\n') {
                dataStart++;
            }
            if (!budget.timeLeft() || budget.inflateAllowance() <= 0) {
                return true;
            }
            streams++;
            int limit = (int) Math.min(MAX_STREAM_OUT, budget.inflateAllowance());
            ZipReader.Data out = ZipReader.inflate(d, dataStart, d.length - dataStart, limit, false);
            if (out != null) {
                budget.inflated(out.bytes().length);
                scan(out.bytes(), 0, out.bytes().length, names, files);
                pos = (int) Math.min(d.length, dataStart + Math.max(1, out.consumed()));
            }
        }
        return true;
    }

    private static int hex(byte b) {
        return EncodedHex.value(b);
    }

    /** True if an embedded file name looks like something that runs. */
    static boolean dangerousName(String name) {
        String ext = AttachmentNames.extension(name.toLowerCase(Locale.ROOT));
        return AttachmentNames.category(ext) != null;
    }

    /** Hex digit values for #xx name escapes. */
    private static final class EncodedHex {
        static int value(byte b) {
            if (b >= '0' && b <= '9') {
                return b - '0';
            }
            if (b >= 'a' && b <= 'f') {
                return b - 'a' + 10;
            }
            if (b >= 'A' && b <= 'F') {
                return b - 'A' + 10;
            }
            return -1;
        }
    }
}
