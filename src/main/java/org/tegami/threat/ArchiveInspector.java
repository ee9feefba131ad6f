package org.tegami.threat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archives: zip (entries listed, encrypted ones recognised by the general-purpose flag, others
 * inflated and inspected like attachments, to a bounded depth and size), gzip, and the formats
 * we do not unpack (RAR, 7-Zip, CAB, ACE) whose visible file names are still checked. Zip bombs
 * hit {@link Budget} limits and are reported, never expanded.
 */
final class ArchiveInspector {

    /** Declared total size beyond which an archive is treated as a decompression bomb. */
    private static final long BOMB_DECLARED = 1L << 31;
    /** Compression ratio beyond which a truncated entry is treated as a bomb. */
    private static final long BOMB_RATIO = 200;
    private static final Pattern VISIBLE_NAME = Pattern.compile(
            "[\\p{Alnum} _()\\[\\]\\-.]{1,120}\\.(?i:exe|scr|com|pif|cpl|dll|msi|js|jse|vbs|vbe|wsf|ps1|bat|cmd|hta|lnk|iso|img|vhd|jar|docm|xlsm)(?![\\p{Alnum}])");

    private final AttachmentDetector files;

    ArchiveInspector(AttachmentDetector files) {
        this.files = files;
    }

    /** A zip: an Office Open XML document, a Java archive, or a plain archive. True if reported as a whole. */
    boolean zip(AttachmentDetector.FileRef f, int depth, Budget budget, AttachmentDetector.PasswordHint passwordInText, List<Finding> out) {
        List<ZipReader.Entry> entries = ZipReader.entries(f.data(), budget.limits.maxArchiveEntries());
        if (entries.isEmpty()) {
            return false;
        }
        if (entries.size() >= budget.limits.maxArchiveEntries()) {
            budget.exhausted = "entry-count limit"; // more entries than we list
        }
        if (isOoxml(entries)) {
            new OfficeInspector(files).ooxml(f, entries, budget, out);
            return false;
        }
        if (isJar(entries)) {
            out.add(new Finding("attachment.executable", 10.0, f.describe() + " is a Java program (a jar with compiled classes)."));
            return true;
        }
        long declared = 0;
        List<String> encrypted = new ArrayList<>();
        for (ZipReader.Entry e : entries) {
            declared += Math.max(0, e.size());
            if (e.encrypted() && !e.directory()) {
                encrypted.add(e.name());
            }
        }
        if (declared > BOMB_DECLARED) {
            bomb(f, declared, out);
            return true;
        }
        if (!encrypted.isEmpty()) {
            encryptedFinding(f, encrypted, passwordInText, out);
        }
        for (ZipReader.Entry e : entries) {
            if (e.directory()) {
                continue;
            }
            if (!budget.takeEntry() || !budget.timeLeft()) {
                return false;
            }
            entry(f, e, depth, budget, passwordInText, out);
        }
        return false;
    }

    private void entry(AttachmentDetector.FileRef f, ZipReader.Entry e, int depth, Budget budget, AttachmentDetector.PasswordHint passwordInText,
                       List<Finding> out) {
        String inner = innerName(f, e.name());
        if (e.encrypted() || depth + 1 >= budget.limits.maxArchiveDepth()) {
            // Content unreadable (or too deep): the name still tells a lot.
            files.inspect(new AttachmentDetector.FileRef(e.name(), new byte[0], inner, true), depth + 1, budget, passwordInText, out);
            if (!e.encrypted() && isArchiveName(e.name())) {
                out.add(new Finding("archive.too-deep", 3.0, "\"" + baseName(e.name()) + "\" inside \"" + inner
                        + "\" is an archive nested more than " + budget.limits.maxArchiveDepth() + " levels deep and was not inspected."));
            }
            return;
        }
        int limit = (int) Math.min(budget.limits.maxEntryBytes(), budget.inflateAllowance());
        if (limit <= 0) {
            return;
        }
        ZipReader.Data data = ZipReader.read(f.data(), e, limit);
        if (data == null) {
            files.inspect(new AttachmentDetector.FileRef(e.name(), new byte[0], inner, true), depth + 1, budget, passwordInText, out);
            return;
        }
        budget.inflated(data.bytes().length);
        if (data.truncated() && data.consumed() > 0 && data.bytes().length / data.consumed() > BOMB_RATIO) {
            bomb(f, e.size(), out);
        }
        files.inspect(new AttachmentDetector.FileRef(e.name(), data.bytes(), inner, data.truncated()), depth + 1, budget,
                passwordInText, out);
    }

    /** gzip: one compressed file; inspect what it holds. */
    void gzip(AttachmentDetector.FileRef f, int depth, Budget budget, AttachmentDetector.PasswordHint passwordInText, List<Finding> out) {
        byte[] d = f.data();
        if (d.length < 18 || depth + 1 >= budget.limits.maxArchiveDepth()) {
            return;
        }
        int flags = d[3] & 0xff;
        int p = 10;
        if ((flags & 4) != 0) {
            p += 2 + ZipReader.u16(d, p);
        }
        String innerName = null;
        if (p >= d.length) {
            return;
        }
        if ((flags & 8) != 0) {
            int z = p;
            while (z < d.length && d[z] != 0 && z - p < 255) {
                z++;
            }
            innerName = new String(d, p, Math.max(0, Math.min(z, d.length) - p), StandardCharsets.ISO_8859_1);
            p = z + 1;
        }
        if ((flags & 16) != 0) {
            while (p < d.length && d[p] != 0) {
                p++;
            }
            p++;
        }
        if ((flags & 2) != 0) {
            p += 2;
        }
        if (p >= d.length) {
            return;
        }
        if (innerName == null) {
            String n = f.name() == null ? "" : f.name();
            innerName = n.toLowerCase(Locale.ROOT).endsWith(".gz") ? n.substring(0, n.length() - 3) : n + ".out";
        }
        int limit = (int) Math.min(budget.limits.maxEntryBytes(), budget.inflateAllowance());
        ZipReader.Data data = limit <= 0 ? null : ZipReader.inflate(d, p, d.length - p, limit, true);
        if (data == null) {
            return;
        }
        budget.inflated(data.bytes().length);
        if (data.truncated() && data.consumed() > 0 && data.bytes().length / data.consumed() > BOMB_RATIO) {
            bomb(f, data.bytes().length, out);
            return;
        }
        files.inspect(new AttachmentDetector.FileRef(innerName, data.bytes(), baseName(f.name()), data.truncated()),
                depth + 1, budget, passwordInText, out);
    }

    /** RAR, 7-Zip, CAB, ACE: not unpacked; encryption and visible file names are still checked. */
    void opaque(AttachmentDetector.FileRef f, FileSniffer.Kind kind, AttachmentDetector.PasswordHint passwordInText, List<Finding> out) {
        RarReader.Listing listing = kind == FileSniffer.Kind.RAR ? RarReader.list(f.data(), 2_000) : null;
        List<String> names = new ArrayList<>();
        boolean encrypted = false;
        if (listing != null) {
            names.addAll(listing.names());
            encrypted = listing.encrypted();
        } else if (kind == FileSniffer.Kind.SEVEN_ZIP) {
            // 7-Zip AES-256 coder id 06 F1 07 01 appears in the (unencrypted) coder list.
            encrypted = FileSniffer.indexOf(f.data(), new byte[] {0x06, (byte) 0xf1, 0x07, 0x01}, 0, f.data().length) >= 0;
        }
        if (names.isEmpty()) {
            String visible = new String(f.data(), 0, Math.min(f.data().length, 1 << 20), StandardCharsets.ISO_8859_1);
            Matcher m = VISIBLE_NAME.matcher(visible);
            while (m.find() && names.size() < 50) {
                names.add(m.group().strip());
            }
        }
        if (encrypted) {
            encryptedFinding(f, names, passwordInText, out);
        }
        for (String n : names) {
            AttachmentNames.Category c = AttachmentNames.category(AttachmentNames.extension(n));
            if (c != null) {
                out.add(new Finding(c.id, c.weight, "The file \"" + AttachmentDetector.clip(baseName(n)) + "\" inside \""
                        + baseName(f.name()) + "\" is " + c.text + " (." + AttachmentNames.extension(n) + ")."));
            }
        }
        if (!encrypted && (listing == null || listing.names().isEmpty())) {
            out.add(new Finding("archive.uninspectable", 2.0, f.describe() + " is " + kind.text
                    + ", a format whose contents could not be inspected."));
        }
    }

    private static void encryptedFinding(AttachmentDetector.FileRef f, List<String> names, AttachmentDetector.PasswordHint passwordHint, List<Finding> out) {
        boolean passwordInText = passwordHint.given();
        String shown = names.isEmpty() ? "" : " (it holds \"" + AttachmentDetector.clip(String.join("\", \"", names.subList(0, Math.min(3, names.size())))) + "\")";
        out.add(new Finding("archive.encrypted", passwordInText ? 6.5 : 5.0, f.describe()
                + " is a password-protected archive" + shown + ", so its contents cannot be scanned"
                + (passwordInText ? "; the password is given in the message itself, a common way to smuggle malware." : ".")));
    }

    private static void bomb(AttachmentDetector.FileRef f, long size, List<Finding> out) {
        out.add(new Finding("archive.bomb", 6.0, f.describe() + " is a decompression bomb: it would expand to about "
                + (size >> 20) + " MB or more, so it was not unpacked."));
    }

    static boolean isOoxml(List<ZipReader.Entry> entries) {
        for (ZipReader.Entry e : entries) {
            if (e.name().equals("[Content_Types].xml")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJar(List<ZipReader.Entry> entries) {
        boolean manifest = false;
        boolean classes = false;
        for (ZipReader.Entry e : entries) {
            String n = e.name().toLowerCase(Locale.ROOT);
            manifest |= n.equals("meta-inf/manifest.mf");
            classes |= n.endsWith(".class");
        }
        return manifest && classes;
    }

    private static boolean isArchiveName(String name) {
        String ext = AttachmentNames.extension(name);
        return ext.equals("zip") || ext.equals("rar") || ext.equals("7z") || ext.equals("gz") || ext.equals("tgz");
    }

    private static String innerName(AttachmentDetector.FileRef f, String entry) {
        String outer = baseName(f.name());
        return f.container() == null ? outer : f.container() + " → " + outer;
    }

    static String baseName(String name) {
        if (name == null || name.isBlank()) {
            return "(unnamed)";
        }
        String n = AttachmentNames.stripBidi(name);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        return n.substring(slash + 1);
    }
}
