package org.tegami.authresults;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The mail-authentication packages are leaves (DESIGN.md layer 1): they use the foundations
 * (dns, mime, smtp, io), the JDK, Bouncy Castle and Guava, and each other in the natural
 * direction (dmarc reads spf/dkim results, authresults reads all three) — never config, store,
 * network or protocol code.
 */
class AuthPackagesArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tegami.spf", "org.tegami.dkim", "org.tegami.dmarc", "org.tegami.authresults");

    private static final String[] BASE = {"java..", "javax..", "org.w3c..", "org.xml..", "org.bouncycastle..",
        "com.google.common..", "org.tegami.dns..", "org.tegami.mime..", "org.tegami.smtp..", "org.tegami.io.."};

    private static String[] with(String... extra) {
        String[] out = java.util.Arrays.copyOf(BASE, BASE.length + extra.length);
        System.arraycopy(extra, 0, out, BASE.length, extra.length);
        return out;
    }

    @Test
    void spfAndDkimUseOnlyFoundations() {
        classes().that().resideInAPackage("org.tegami.spf..").should().onlyDependOnClassesThat()
                .resideInAnyPackage(with("org.tegami.spf..")).check(CLASSES);
        classes().that().resideInAPackage("org.tegami.dkim..").should().onlyDependOnClassesThat()
                .resideInAnyPackage(with("org.tegami.dkim..")).check(CLASSES);
    }

    @Test
    void dmarcAndAuthResultsUseResultTypesOnly() {
        classes().that().resideInAPackage("org.tegami.dmarc..").should().onlyDependOnClassesThat()
                .resideInAnyPackage(with("org.tegami.dmarc..", "org.tegami.spf..", "org.tegami.dkim..")).check(CLASSES);
        classes().that().resideInAPackage("org.tegami.authresults..").should().onlyDependOnClassesThat()
                .resideInAnyPackage(with("org.tegami.authresults..", "org.tegami.dmarc..", "org.tegami.spf..", "org.tegami.dkim.."))
                .check(CLASSES);
    }
}
