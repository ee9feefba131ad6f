package org.tegami.testing;

import java.util.Map;
import org.tegami.threat.corpus.CorpusFiles;
import org.tegami.threat.corpus.Eml;

/**
 * Messages for end-to-end tests of the threat check, for an organization "northwind.test" whose
 * account akiko.tanaka@ is named "Akiko Tanaka" and bob@ "Bob Smith".
 */
public final class ThreatSamples {

    public static final String DOMAIN = "northwind.test";
    public static final String AKIKO = "akiko.tanaka@northwind.test";
    public static final String BOB = "bob@northwind.test";
    public static final String PASSWORD = "threat-test-password";

    private ThreatSamples() {}

    /** Adds the domain and the two named accounts through the admin API (as `user add --name`). */
    public static void setUp(TestServer server) {
        server.admin.addDomain(DOMAIN);
        server.admin.addUser(AKIKO, "Akiko Tanaka", PASSWORD, false);
        server.admin.addUser(BOB, "Bob Smith", PASSWORD, false);
    }

    /** "Akiko Tanaka" writing from the lookalike northwlnd.test, asking for a confidential urgent wire transfer. */
    public static byte[] bec() {
        return Eml.of("Akiko Tanaka <akiko.tanaka@northwlnd.test>", "Bob Smith <" + BOB + ">")
                .subject("Quick favour")
                .text("Bob,\n\nAre you at your desk? I need you to process an urgent wire transfer to a new supplier today."
                        + "\nKeep this confidential for now, I am in meetings all afternoon.\n\nAkiko\n")
                .build();
    }

    /** An ordinary business message from a partner, nothing suspicious. */
    public static byte[] clean() {
        return Eml.of("Maria Lopez <maria.lopez@contoso.test>", "Bob Smith <" + BOB + ">")
                .subject("Minutes of Tuesday's meeting")
                .text("Hello Bob,\n\nthank you for your time on Tuesday. The minutes are below; let me know if I missed"
                        + " anything.\n\n1. Delivery schedule for Q3 agreed.\n2. Next review on the 14th.\n\nBest regards,\nMaria\n")
                .build();
    }

    /** A Windows program inside a zip, named like an invoice. */
    public static byte[] zipWithExecutable() {
        return Eml.of("Accounts <accounts@billing-notice.test>", "Bob Smith <" + BOB + ">")
                .subject("Invoice 4471")
                .text("Please find the invoice attached.\n")
                .attach("invoice_4471.zip", "application/zip", CorpusFiles.zip(Map.of("invoice_4471.pdf.exe", CorpusFiles.pe())))
                .build();
    }

    /** A Word document with a VBA macro (a real OLE2 file). */
    public static byte[] macroDocument() {
        return Eml.of("HR Department <hr@benefits-update.test>", "Bob Smith <" + BOB + ">")
                .subject("Updated benefits form")
                .text("Please fill in the attached form and enable editing to see the content.\n")
                .attach("benefits_2024.doc", "application/msword", CorpusFiles.docWithMacro())
                .build();
    }
}
