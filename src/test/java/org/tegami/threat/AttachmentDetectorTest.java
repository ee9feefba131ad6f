package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.threat.TestMessages.*;
import static org.tegami.threat.corpus.CorpusFiles.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachmentDetectorTest {

    private static Verdict with(String name, String type, byte[] data) {
        return analyze(mail("AP <ap@partner-supplies.com>").text("see attached").attach(name, type, data));
    }

    @Test
    void executablesByContentWhateverTheName() {
        Verdict v = with("report.pdf", "application/pdf", pe());
        assertThat(finding(v, "attachment.executable").explanation()).contains("report.pdf", "Windows program", "disguised as a .pdf");
        assertThat(v.action()).isEqualTo(Action.QUARANTINE);
        assertThat(with("x.bin", "application/octet-stream", elf()).has("attachment.executable")).isTrue();
        assertThat(with("x.dat", "application/octet-stream", macho()).has("attachment.executable")).isTrue();
        assertThat(with("tool.jar", "application/java-archive", jar()).has("attachment.executable")).isTrue();
    }

    @Test
    void scriptsShortcutsImages() {
        assertThat(with("a.js", "text/plain", "var s = new ActiveXObject('WScript.Shell');".getBytes()).has("attachment.script")).isTrue();
        assertThat(with("notes.txt", "text/plain", "powershell -enc SQBFAFgA".getBytes()).has("attachment.script")).isTrue();
        assertThat(with("doc.pdf", "application/pdf", lnk()).has("attachment.shortcut")).isTrue();
        assertThat(with("order.img", "application/octet-stream", iso("X")).has("attachment.disk-image")).isTrue();
        assertThat(with("x.hta", "application/hta", "<hta:application>".getBytes()).has("attachment.script")).isTrue();
    }

    @Test
    void nameTricks() {
        Verdict rtlo = with("invoice\u202Efdp.exe", "application/octet-stream", pe());
        assertThat(finding(rtlo, "attachment.rtlo").explanation()).contains("invoiceexe.pdf");
        assertThat(with("invoice.pdf.exe", "application/octet-stream", new byte[10]).has("attachment.double-extension")).isTrue();
        assertThat(with("invoice.pdf", "application/pdf", pdf("x", "")).findings()).isEmpty();
    }

    @Test
    void archivesAreOpenedAndNestedArchivesBounded() {
        assertThat(finding(with("a.zip", "application/zip", zip("inv.pdf.exe", pe())), "attachment.executable").explanation())
                .contains("inside \"a.zip\"");
        byte[] nested = zip("l1.zip", zip("l2.zip", zip("l3.zip", zip("l4.zip", zip("deep.exe", pe())))));
        Verdict v = with("n.zip", "application/zip", nested);
        assertThat(v.has("archive.too-deep")).isTrue();
        assertThat(with("docs.zip", "application/zip", zip(Map.of("a.pdf", pdf("a", ""), "b.docx", docx("b")))).findings()).isEmpty();
    }

    @Test
    void encryptedArchivesAndVisibleNames() {
        Verdict v = analyze(mail("AP <ap@partner-supplies.com>").text("The password is 1234").attach("a.zip", "application/zip",
                encryptedZip(Map.of("payload.exe", pe()), "1234")));
        assertThat(finding(v, "archive.encrypted").weight()).isEqualTo(6.5);
        assertThat(v.has("attachment.executable")).isTrue(); // the name is visible even when encrypted
        assertThat(finding(with("b.zip", "application/zip", encryptedZip(Map.of("a.docx", docx("x")), "pw")), "archive.encrypted").weight())
                .isEqualTo(5.0);
    }

    @Test
    void zipBombIsReportedNotExpanded() {
        Verdict v = with("bomb.zip", "application/zip", zeroBomb("zeros.bin", 200));
        assertThat(v.has("archive.bomb")).isTrue();
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            many.put("f" + i + ".txt", new byte[] {1});
        }
        assertThat(with("many.zip", "application/zip", zip(many)).has("attachment.inspection-incomplete")).isTrue();
    }

    @Test
    void rarAndGzip() {
        assertThat(with("a.rar", "application/x-rar", rar4("setup.exe", pe(), false)).has("attachment.executable")).isTrue();
        Verdict enc = with("b.rar", "application/x-rar", rar4("doc.pdf", new byte[100], true));
        assertThat(enc.has("archive.encrypted")).isTrue();
        assertThat(with("r.gz", "application/gzip", gzip("r.exe", pe())).has("attachment.executable")).isTrue();
        assertThat(with("log.gz", "application/gzip", gzip("log.txt", "hello".getBytes())).findings()).isEmpty();
    }

    @Test
    void officeMacrosTemplatesAndDde() {
        assertThat(with("a.doc", "application/msword", docWithMacro()).has("office.macro")).isTrue();
        assertThat(with("a.xls", "application/vnd.ms-excel", xlsWithMacro()).has("office.macro")).isTrue();
        assertThat(with("a.docx", "application/octet-stream", docm("x")).has("office.macro")).isTrue();
        assertThat(with("a.xlsm", "application/octet-stream", xlsm()).has("office.macro")).isTrue();
        assertThat(finding(with("t.docx", "application/octet-stream", docxRemoteTemplate("http://198.51.100.1/t.dotm")), "office.remote-template")
                .explanation()).contains("198.51.100.1");
        assertThat(with("d.docx", "application/octet-stream", docxDde()).has("office.dde")).isTrue();
        assertThat(with("plain.docx", "application/octet-stream", docx("hello DDE world")).findings()).isEmpty();
        assertThat(with("plain.doc", "application/msword", docPlain()).findings()).isEmpty();
    }

    @Test
    void pdfActiveContent() {
        assertThat(finding(with("a.pdf", "application/pdf", pdf("x", "/OpenAction 5 0 R", "<< /S /JavaScript /JS (app.alert(1)) >>")),
                "pdf.javascript").weight()).isEqualTo(7.0);
        assertThat(with("b.pdf", "application/pdf", pdf("x", "", "<< /S /Launch /F (cmd.exe) >>")).has("pdf.launch")).isTrue();
        byte[] hidden = pdf("x", "", flateStream("/Type /ObjStm /N 1 /First 4", "5 0 << /S /J#61vaScript /J#53 (x) >>"));
        assertThat(with("c.pdf", "application/pdf", hidden).has("pdf.javascript")).isTrue();
        assertThat(with("d.pdf", "application/pdf", pdf("x", "/OpenAction [3 0 R /Fit]")).findings()).isEmpty();
    }

    @Test
    void htmlAttachmentWithPasswordForm() {
        Verdict v = with("login.html", "text/html", "<html><form action=\"https://x.test\"><input type=password></form></html>".getBytes());
        assertThat(finding(v, "attachment.html-active").weight()).isEqualTo(7.0);
    }
}
