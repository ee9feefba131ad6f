package org.tegami.imap.imaptest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the messages of an imaptest ".mbox" file as imaptest appends them: split at valid
 * "From sender date" lines (which are not part of the message), line ends turned into CRLF.
 */
public final class Mbox {

    /** "From user@domain  Fri Feb 22 17:06:23 2008": sender, then an asctime date. */
    private static final Pattern FROM_LINE =
            Pattern.compile("^From \\S+ +\\w{3} \\w{3} +\\d+ \\d\\d:\\d\\d(:\\d\\d)? \\d{4}.*");

    private Mbox() {}

    public static List<byte[]> read(Path mbox) throws IOException {
        return split(Files.readAllBytes(mbox));
    }

    public static List<byte[]> split(byte[] data) {
        String s = new String(data, StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>();
        StringBuilder cur = null;
        int pos = 0;
        while (pos < s.length()) {
            int lf = s.indexOf('\n', pos);
            int end = lf < 0 ? s.length() : lf;
            String line = s.substring(pos, end > pos && s.charAt(end - 1) == '\r' ? end - 1 : end);
            pos = lf < 0 ? s.length() : lf + 1;
            if (FROM_LINE.matcher(line).matches()) {
                if (cur != null) {
                    out.add(cur.toString().getBytes(StandardCharsets.ISO_8859_1));
                }
                cur = new StringBuilder();
            } else if (cur != null) {
                cur.append(line);
                if (lf >= 0) {
                    cur.append("\r\n");
                }
            }
        }
        if (cur != null) {
            out.add(cur.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
