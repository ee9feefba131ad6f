package org.tegami.threat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Dangerous attachments, by content first and name second: programs, scripts, shortcuts, disk
 * images, double extensions and bidi tricks, Office macros/remote templates/DDE, PDF JavaScript
 * and launch actions, HTML attachments with active content, encrypted archives, and archives
 * holding any of these (bounded by {@link ThreatLimits}).
 */
final class AttachmentDetector implements Detector {

    /** A file to inspect: an attachment or something found inside one. */
    record FileRef(String name, byte[] data, String container, boolean truncated) {
        /** "The attachment "x"" or "The file "x" inside "y"", for explanations. */
        String describe() {
            String n = name == null || name.isBlank() ? "(unnamed)" : AttachmentNames.stripBidi(name);
            return container == null ? "The attachment \"" + n + "\"" : "The file \"" + n + "\" inside \"" + container + "\"";
        }
    }

    private static final Pattern PASSWORD_GIVEN = FastPatterns.compile(
            "(?:password|passcode|pass|pw|パスワード|暗証番号|解凍)\\s*(?:is|は|:|：|=)\\s*[\"'「]?[\\p{Alnum}!#$%&*+\\-_.]{3,}",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * Whether the message text gives a password: looked for only when an encrypted archive asks,
     * since most messages have none and the text can be long.
     */
    static final class PasswordHint {
        private final String text;
        private Boolean given;

        PasswordHint(String text) {
            this.text = text;
        }

        boolean given() {
            if (given == null) {
                given = PASSWORD_GIVEN.matcher(text).find();
            }
            return given;
        }
    }

    private final ArchiveInspector archives = new ArchiveInspector(this);
    private final OfficeInspector office = new OfficeInspector(this);

    @Override
    public void detect(MessageContent m, AnalysisContext ctx, Budget budget, List<Finding> out) {
        PasswordHint passwordInText = new PasswordHint(m.text);
        for (MessageContent.Attachment a : m.attachments) {
            if (!budget.timeLeft()) {
                break;
            }
            String name = a.name();
            inspect(new FileRef(name, a.data(), null, a.truncated()), 0, budget, passwordInText, out);
        }
        if (budget.exhausted != null) {
            out.add(new Finding("attachment.inspection-incomplete", 1.0,
                    "Attachments were only partly inspected: the " + budget.exhausted + " was reached."));
        }
    }

    /** Inspects one file at archive nesting {@code depth}. */
    void inspect(FileRef f, int depth, Budget budget, PasswordHint passwordInText, List<Finding> out) {
        String name = f.name() == null ? "" : f.name();
        String ext = AttachmentNames.extension(name);
        AttachmentNames.Category byName = AttachmentNames.category(ext);
        FileSniffer.Kind kind = FileSniffer.sniff(f.data());
        names(f, name, out);
        boolean reported = content(f, kind, byName, depth, budget, passwordInText, out);
        if (!reported && byName != null) {
            out.add(new Finding(byName.id, byName.weight, f.describe() + " is " + byName.text + " (." + ext + ")."));
        }
    }

    /** Tricks in the name itself. */
    private static void names(FileRef f, String name, List<Finding> out) {
        if (AttachmentNames.hasBidi(name)) {
            out.add(new Finding("attachment.rtlo", 6.0, f.describe() + " hides its real name with an invisible "
                    + "text-direction character: it displays as \"" + AttachmentNames.displayed(name) + "\"."));
        }
        String decoy = AttachmentNames.decoy(name);
        if (decoy != null) {
            out.add(new Finding("attachment.double-extension", 4.0, f.describe()
                    + (decoy.equals("padding") ? " pads its name with spaces to hide its real extension."
                            : " pretends to be a ." + decoy + " file but its real extension is ." + AttachmentNames.extension(name) + ".")));
        }
    }

    /** Findings from the content; true if it reported the file's dangerous type already. */
    private boolean content(FileRef f, FileSniffer.Kind kind, AttachmentNames.Category byName, int depth, Budget budget,
                            PasswordHint passwordInText, List<Finding> out) {
        String ext = AttachmentNames.extension(f.name());
        String disguise = byName == null && !ext.isEmpty() ? ", disguised as a ." + ext + " file" : "";
        switch (kind) {
            case PE, ELF, MACHO, JAVA_CLASS -> {
                out.add(new Finding("attachment.executable", 10.0, f.describe() + " is " + kind.text + disguise + "."));
                return true;
            }
            case LNK -> {
                out.add(new Finding("attachment.shortcut", 9.0, f.describe() + " is " + kind.text + disguise + ", which can start any program."));
                return true;
            }
            case ISO, VHD, DMG -> {
                out.add(new Finding("attachment.disk-image", 8.0, f.describe() + " is " + kind.text + disguise
                        + "; disk images are used to smuggle programs past security warnings."));
                return true;
            }
            case HTA, SCRIPT -> {
                String marker = FileSniffer.scriptMarker(f.data());
                out.add(new Finding("attachment.script", 9.0, f.describe() + " is " + kind.text + disguise
                        + (marker == null ? "." : " (it contains \"" + clip(marker) + "\").")));
                return true;
            }
            case ONENOTE -> {
                out.add(new Finding("attachment.active-content", 6.0, f.describe() + " is " + kind.text
                        + ", a format abused to make people click embedded programs."));
                return true;
            }
            case OLE2 -> {
                office.ole2(f, out);
                return false;
            }
            case ZIP -> {
                return archives.zip(f, depth, budget, passwordInText, out);
            }
            case RAR, SEVEN_ZIP, CAB, ACE -> {
                archives.opaque(f, kind, passwordInText, out);
                return false;
            }
            case GZIP -> {
                archives.gzip(f, depth, budget, passwordInText, out);
                return false;
            }
            case PDF -> {
                pdf(f, budget, out);
                return false;
            }
            case RTF -> {
                office.rtf(f, out);
                return false;
            }
            case HTML, SVG -> {
                HtmlDetector.attachment(f, kind, out);
                return false;
            }
            default -> {
                String marker = byName == null ? null : FileSniffer.scriptMarker(f.data());
                if (marker != null && byName == AttachmentNames.Category.SCRIPT) {
                    out.add(new Finding("attachment.script", 9.0, f.describe() + " is a script (it contains \"" + clip(marker) + "\")."));
                    return true;
                }
                return false;
            }
        }
    }

    private static void pdf(FileRef f, Budget budget, List<Finding> out) {
        PdfInspector.Report r = PdfInspector.inspect(f.data(), budget);
        boolean onOpen = r.has("OpenAction") || r.has("AA");
        if (r.has("Launch")) {
            out.add(new Finding("pdf.launch", 8.0, f.describe() + " is a PDF with a Launch action that can start a program"
                    + (onOpen ? " when the document is opened." : ".")));
        }
        if (r.has("JavaScript") || r.has("JS")) {
            out.add(new Finding("pdf.javascript", onOpen ? 7.0 : 6.0, f.describe() + " is a PDF containing JavaScript"
                    + (onOpen ? " that runs when the document is opened." : ".")));
        }
        for (String embedded : r.embeddedFileNames()) {
            if (PdfInspector.dangerousName(embedded)) {
                out.add(new Finding("pdf.embedded-executable", 8.0, f.describe() + " is a PDF that carries the embedded file \""
                        + clip(embedded) + "\", which can run code."));
                return;
            }
        }
        if (r.has("EmbeddedFile") || r.has("EmbeddedFiles")) {
            out.add(new Finding("pdf.embedded-file", 1.5, f.describe() + " is a PDF with embedded files"
                    + (r.embeddedFileNames().isEmpty() ? "." : " (\"" + clip(String.join("\", \"", r.embeddedFileNames())) + "\").")));
        }
    }

    static String clip(String s) {
        String t = s.replaceAll("[\\r\\n\\t]+", " ");
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
