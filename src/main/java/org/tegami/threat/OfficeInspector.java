package org.tegami.threat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Office documents: VBA macros in OLE2 files ("VBA"/"Macros" storages, "_VBA_PROJECT" stream) and
 * in OOXML packages (vbaProject.bin), remote templates and other external relationships
 * (attachedTemplate/oleObject/frame with TargetMode="External"), DDE fields, embedded OLE
 * packages, password-protected (encrypted) documents, and RTF files carrying OLE objects.
 */
final class OfficeInspector {

    private static final Pattern EXTERNAL_REL = Pattern.compile(
            "<Relationship\\b[^>]{0,2000}?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTERNAL_MODE = Pattern.compile("TargetMode\\s*=\\s*[\"']External[\"']", Pattern.CASE_INSENSITIVE);
    private static final Pattern TYPE_ATTR = Pattern.compile("\\bType\\s*=\\s*[\"']([^\"']{0,2000})[\"']");
    private static final Pattern TARGET_ATTR = Pattern.compile("\\bTarget\\s*=\\s*[\"']([^\"']{0,2000})[\"']");
    /** Field codes: Word keeps them in w:instrText runs or w:instr attributes. */
    private static final Pattern FIELD_CODE = Pattern.compile("<w:instrText\\b[^>]{0,300}>([^<]{0,4000})</w:instrText>|\\bw:instr=\"([^\"]{0,4000})\"");
    private static final Pattern DDE_FIELD = Pattern.compile("(?:^|[\\s\"{])DDE(?:AUTO)?\\s", Pattern.CASE_INSENSITIVE);
    /** Excel DDE: external links with a DDE service, or formulas such as =cmd|'/c calc'!A0. */
    private static final Pattern EXCEL_DDE = Pattern.compile("ddeService=|<f>[^<|]{0,200}\\|\\s*'[^'<]{0,500}'\\s*![^<]{0,50}</f>");
    private static final int MAX_XML = 4 * 1024 * 1024;

    private final AttachmentDetector files;

    OfficeInspector(AttachmentDetector files) {
        this.files = files;
    }

    /** An OLE2 compound file: legacy .doc/.xls/.ppt, .msi, or an OOXML file encrypted with a password. */
    void ole2(AttachmentDetector.FileRef f, List<Finding> out) {
        List<Ole2Reader.DirEntry> dir = Ole2Reader.directory(f.data(), 4096);
        boolean vba = false;
        boolean encrypted = false;
        boolean nativePackage = false;
        for (Ole2Reader.DirEntry e : dir) {
            String n = e.name();
            vba |= n.equals("VBA") && e.type() == 1 || n.equalsIgnoreCase("_VBA_PROJECT") || n.equals("_VBA_PROJECT_CUR")
                    || n.equals("Macros") && e.type() == 1;
            encrypted |= n.equals("EncryptedPackage");
            nativePackage |= n.equals("\u0001Ole10Native");
        }
        if (vba) {
            out.add(macro(f, "an Office document with VBA macros"));
        }
        if (encrypted) {
            out.add(new Finding("office.encrypted", 4.0, f.describe()
                    + " is a password-protected Office document, so its contents (macros included) cannot be scanned."));
        }
        if (nativePackage) {
            out.add(new Finding("office.embedded-object", 4.0, f.describe()
                    + " embeds an OLE package, a way to hide a program or script inside a document."));
        }
    }

    /** An Office Open XML package (already listed as a zip). */
    void ooxml(AttachmentDetector.FileRef f, List<ZipReader.Entry> entries, Budget budget, List<Finding> out) {
        boolean macro = false;
        for (ZipReader.Entry e : entries) {
            String n = e.name().toLowerCase(Locale.ROOT);
            if (n.endsWith("vbaproject.bin") || n.endsWith("vbaprojectsignature.bin") || n.startsWith("xl/macrosheets/")) {
                macro = true;
            }
        }
        if (macro) {
            out.add(macro(f, "an Office document with macros (vbaProject.bin or Excel 4.0 macro sheets)"));
        }
        boolean ddeReported = false;
        boolean relReported = false;
        for (ZipReader.Entry e : entries) {
            String n = e.name().toLowerCase(Locale.ROOT);
            boolean rels = n.endsWith(".rels");
            boolean content = n.endsWith(".xml") && (n.startsWith("word/") || n.startsWith("xl/") || n.startsWith("ppt/"));
            boolean embedded = n.contains("/embeddings/") && n.endsWith(".bin");
            if (!rels && !content && !embedded || !budget.takeEntry() || !budget.timeLeft()) {
                continue;
            }
            int limit = (int) Math.min(MAX_XML, budget.inflateAllowance());
            ZipReader.Data data = limit <= 0 ? null : ZipReader.read(f.data(), e, limit);
            if (data == null) {
                continue;
            }
            budget.inflated(data.bytes().length);
            if (embedded) {
                ole2(new AttachmentDetector.FileRef(e.name(), data.bytes(), ArchiveInspector.baseName(f.name()), false), out);
                continue;
            }
            String xml = new String(data.bytes(), StandardCharsets.UTF_8);
            if (rels && !relReported) {
                relReported = externalRelationships(f, xml, out);
            } else if (content && !ddeReported) {
                ddeReported = dde(f, xml, out);
            }
        }
    }

    /** Relationships that make Office fetch something from the network when the file opens. */
    private static boolean externalRelationships(AttachmentDetector.FileRef f, String xml, List<Finding> out) {
        Matcher m = EXTERNAL_REL.matcher(xml);
        while (m.find()) {
            String rel = m.group();
            if (!EXTERNAL_MODE.matcher(rel).find()) {
                continue;
            }
            String type = attr(rel, TYPE_ATTR);
            String target = attr(rel, TARGET_ATTR);
            String kind = type.substring(type.lastIndexOf('/') + 1);
            switch (kind) {
                case "attachedTemplate" -> {
                    String t = target.strip().toLowerCase(Locale.ROOT);
                    boolean network = t.startsWith("http:") || t.startsWith("https:") || t.startsWith("ftp:")
                            || t.startsWith("\\\\") || t.startsWith("//") || t.matches("file://[^/:\\\\]+[/\\\\].*");
                    if (!network) {
                        continue; // a template path on the author's own disk: Office just does not find it
                    }
                    boolean web = t.startsWith("http") || t.startsWith("ftp");
                    out.add(new Finding("office.remote-template", web ? 10.0 : 8.0, f.describe()
                            + " loads a template from " + AttachmentDetector.clip(target)
                            + " when opened, a known way to fetch macros or exploits"
                            + (web ? " from the web." : " (and to leak your Windows credentials to that server).")));
                    return true;
                }
                case "oleObject", "frame", "subDocument" -> {
                    out.add(new Finding("office.external-object", 5.0, f.describe()
                            + " fetches external content (" + kind + ") from " + AttachmentDetector.clip(target) + " when opened."));
                    return true;
                }
                default -> {}
            }
        }
        return false;
    }

    private static boolean dde(AttachmentDetector.FileRef f, String xml, List<Finding> out) {
        StringBuilder fields = new StringBuilder();
        Matcher m = FIELD_CODE.matcher(xml);
        while (m.find() && fields.length() < 64 * 1024) {
            fields.append(m.group(1) != null ? m.group(1) : "\n" + m.group(2) + "\n");
        }
        if (DDE_FIELD.matcher(fields).find() || EXCEL_DDE.matcher(xml).find()) {
            out.add(new Finding("office.dde", 10.0, f.describe()
                    + " contains a DDE field, which can run commands when the document is opened."));
            return true;
        }
        return false;
    }

    /** RTF with embedded OLE objects: the carrier of Equation Editor and similar exploits. */
    void rtf(AttachmentDetector.FileRef f, List<Finding> out) {
        int n = Math.min(f.data().length, 8 * 1024 * 1024);
        String s = new String(f.data(), 0, n, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (s.contains("\\objdata") || s.contains("\\objupdate") || s.contains("\\objocx") || s.contains("\\objautlink")) {
            out.add(new Finding("office.rtf-object", 5.0, f.describe()
                    + " is an RTF document with an embedded OLE object, the usual carrier of document exploits."));
        }
    }

    private static Finding macro(AttachmentDetector.FileRef f, String what) {
        // Macros in documents from outside are the most common way in for malware (Office now blocks them
        // by default for files from the internet): held for an administrator, who can release a wanted one.
        return new Finding("office.macro", 10.0, f.describe() + " is " + what + ", which can run code when enabled.");
    }

    private static String attr(String tag, Pattern p) {
        Matcher m = p.matcher(tag);
        return m.find() ? m.group(1) : "";
    }
}
