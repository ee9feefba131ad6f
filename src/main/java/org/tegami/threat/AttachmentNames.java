package org.tegami.threat;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What file names say: dangerous extensions by category, double extensions, bidi tricks. */
final class AttachmentNames {

    /** A category of dangerous file, with its finding id and weight. */
    enum Category {
        EXECUTABLE("attachment.executable", 10.0, "a program"),
        SCRIPT("attachment.script", 9.0, "a script"),
        SHORTCUT("attachment.shortcut", 9.0, "a shortcut that can start programs"),
        DISK_IMAGE("attachment.disk-image", 8.0, "a disk image (often used to smuggle programs past mark-of-the-web)"),
        OTHER_ACTIVE("attachment.active-content", 6.0, "a file type that can run code (help file, OneNote, add-in)"),
        MACRO_DOCUMENT("office.macro-enabled-type", 3.0, "a macro-enabled Office file type");

        final String id;
        final double weight;
        final String text;

        Category(String id, double weight, String text) {
            this.id = id;
            this.weight = weight;
            this.text = text;
        }
    }

    private static final Map<String, Category> BY_EXTENSION = build();

    /** Extensions of ordinary documents and media that attackers put before the real one. */
    private static final Set<String> DECOY = Set.of(
            "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "rtf", "jpg", "jpeg", "png", "gif", "bmp", "tif",
            "tiff", "zip", "csv", "odt", "ods", "mp3", "mp4", "avi", "mov", "wav", "htm", "html", "eml", "msg", "xml");

    private static final String BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c";

    private AttachmentNames() {}

    private static Map<String, Category> build() {
        Map<String, Category> m = new java.util.HashMap<>();
        put(m, Category.EXECUTABLE, "exe scr com pif cpl dll msi msp sys xll wll appx appxbundle msix msixbundle app gadget "
                + "application ocx drv elf jar");
        put(m, Category.SCRIPT, "js jse vbs vbe wsf wsh wsc ps1 psm1 psd1 bat cmd hta sh command reg scf inf vb "
                + "mjs pyw sct ws");
        put(m, Category.SHORTCUT, "lnk url website settingcontent-ms library-ms searchconnector-ms iqy appref-ms");
        put(m, Category.DISK_IMAGE, "iso img vhd vhdx dmg udf");
        put(m, Category.OTHER_ACTIVE, "chm hlp one onepkg xlam ppam mht mhtml cab");
        put(m, Category.MACRO_DOCUMENT, "docm dotm xlsm xltm xlsb pptm potm ppsm sldm");
        return Map.copyOf(m);
    }

    private static void put(Map<String, Category> m, Category c, String exts) {
        for (String e : exts.split(" ")) {
            m.put(e, c);
        }
    }

    /** The last extension, lower case, without trailing dots/spaces; "" if none. */
    static String extension(String name) {
        if (name == null) {
            return "";
        }
        String n = stripBidi(name).strip().toLowerCase(Locale.ROOT);
        while (n.endsWith(".") || n.endsWith(" ")) {
            n = n.substring(0, n.length() - 1);
        }
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).strip();
    }

    static Category category(String extension) {
        return BY_EXTENSION.get(extension);
    }

    static boolean hasBidi(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (BIDI.indexOf(name.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    static String stripBidi(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            if (BIDI.indexOf(name.charAt(i)) < 0) {
                sb.append(name.charAt(i));
            }
        }
        return sb.toString();
    }

    /** Roughly how a name with a right-to-left override is displayed: the rest is mirrored. */
    static String displayed(String name) {
        int i = name.indexOf('\u202e');
        if (i < 0) {
            return stripBidi(name);
        }
        String rest = stripBidi(name.substring(i + 1));
        return stripBidi(name.substring(0, i)) + new StringBuilder(rest).reverse();
    }

    /**
     * The decoy extension if the name hides a dangerous one behind a harmless-looking one
     * ("invoice.pdf.exe", "scan.jpg      .js"), else null.
     */
    static String decoy(String name) {
        String n = stripBidi(name).strip().toLowerCase(Locale.ROOT);
        int last = n.lastIndexOf('.');
        if (last <= 0 || category(n.substring(last + 1).strip()) == null) {
            return null;
        }
        String before = n.substring(0, last);
        String trimmed = before.replaceAll("[\\s_]+$", "");
        int prev = trimmed.lastIndexOf('.');
        if (prev < 0) {
            return before.length() - trimmed.length() >= 3 ? "padding" : null;
        }
        String inner = trimmed.substring(prev + 1);
        return DECOY.contains(inner) ? inner : null;
    }
}
