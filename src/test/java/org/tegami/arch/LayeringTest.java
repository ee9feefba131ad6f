package org.tegami.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the arrows of DESIGN.md true: each layer uses only the layers below it. */
class LayeringTest {

    private static final String[] STATE_AND_UP = {
        "org.tegami.config..", "org.tegami.store..", "org.tegami.directory..", "org.tegami.queue..", "org.tegami.mailauth..",
        "org.tegami.keys..", "org.tegami.pipeline..", "org.tegami.net..", "org.tegami.smtpserver..", "org.tegami.imapserver..",
        "org.tegami.pop3server..", "org.tegami.admin..", "org.tegami.app..", "org.tegami.cli.."
    };
    private static final String[] FOUNDATIONS = {
        "org.tegami.io..", "org.tegami.dns..", "org.tegami.smtp", "org.tegami.mime..", "org.tegami.imap"
    };
    private static final String[] STANDARDS = {
        "org.tegami.spf..", "org.tegami.dkim..", "org.tegami.dmarc..", "org.tegami.authresults..",
        "org.tegami.dsn..", "org.tegami.sasl..", "org.tegami.smime..", "org.tegami.pgp..",
        "org.tegami.cryptomail..", "org.tegami.threat..", "org.tegami.smtpclient.."
    };
    private static final String[] PROTOCOLS = {
        "org.tegami.smtpserver..", "org.tegami.imapserver..", "org.tegami.pop3server.."
    };

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        // Import the compiled main classes directly: scanning the whole class path is slow.
        java.nio.file.Path main = java.nio.file.Path.of(System.getProperty("tegami.project.dir", "."), "target", "classes");
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPath(main);
        // Guard against passing vacuously when nothing was imported.
        org.assertj.core.api.Assertions.assertThat(classes.contain("org.tegami.smtp.Reply")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.contain("org.tegami.store.sqlite.Database")).isTrue();
    }

    @Test
    void foundationsAndStandardsAreLeaves() {
        noClasses().that().resideInAnyPackage(FOUNDATIONS).should().dependOnClassesThat()
                .resideInAnyPackage(concat(STATE_AND_UP, STANDARDS)).allowEmptyShould(true).check(classes);
        noClasses().that().resideInAnyPackage(STANDARDS).should().dependOnClassesThat()
                .resideInAnyPackage(STATE_AND_UP).allowEmptyShould(true).check(classes);
    }

    @Test
    void storeKnowsNoProtocols() {
        noClasses().that().resideInAnyPackage("org.tegami.store..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(PROTOCOLS, new String[] {"org.tegami.net..", "org.tegami.pipeline..",
                        "org.tegami.app..", "org.tegami.cli..", "org.tegami.queue..", "org.tegami.directory.."}))
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void storeKeepsKeysAsBytes() {
        // The key store holds bytes, fingerprints, addresses and kinds; parsing keys is for the layers above.
        noClasses().that().resideInAnyPackage("org.tegami.store..").should().dependOnClassesThat()
                .resideInAnyPackage("org.tegami.smime..", "org.tegami.pgp..", "org.tegami.cryptomail..", "org.tegami.keys..",
                        "org.bouncycastle..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void keysKnowNoPipelineNorProtocols() {
        noClasses().that().resideInAnyPackage("org.tegami.keys..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(PROTOCOLS, new String[] {"org.tegami.net..", "org.tegami.pipeline..",
                        "org.tegami.queue..", "org.tegami.store.sqlite.."}))
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void mailAuthenticationStateSitsBelowThePipeline() {
        // mailauth (keys, reports, DNS helper) is layer 2 like queue: the pipeline and the wiring use it, not the reverse
        noClasses().that().resideInAnyPackage("org.tegami.mailauth..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(PROTOCOLS, new String[] {"org.tegami.net..", "org.tegami.pipeline..",
                        "org.tegami.store.sqlite..", "org.tegami.app..", "org.tegami.cli.."}))
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void protocolsNeverTouchSql() {
        noClasses().that().resideInAnyPackage(PROTOCOLS).should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "org.sqlite..", "org.tegami.store.sqlite..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void onlyTheWiringKnowsTheWiring() {
        noClasses().that().resideOutsideOfPackages("org.tegami.app..", "org.tegami.cli..").should()
                .dependOnClassesThat().resideInAnyPackage("org.tegami.app..", "org.tegami.cli..")
                .allowEmptyShould(true).check(classes);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
