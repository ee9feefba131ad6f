package org.tegami.cryptomail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The crypto leaves depend only on the JDK, Bouncy Castle and the foundation packages (mime, io,
 * smtp); smime and pgp do not know each other; cryptomail is the one place that combines them.
 */
class CryptoLayeringTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        Path main = Path.of(System.getProperty("tegami.project.dir", "."), "target", "classes");
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPath(main);
        Assertions.assertThat(classes.contain("org.tegami.smime.SmimeVerifier")).isTrue();
        Assertions.assertThat(classes.contain("org.tegami.pgp.PgpVerifier")).isTrue();
    }

    private static final String[] BASE = {"java..", "javax..", "org.bouncycastle..", "org.tegami.mime..", "org.tegami.io..",
        "org.tegami.smtp"};

    private static String[] with(String... more) {
        String[] out = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, out, BASE.length, more.length);
        return out;
    }

    @Test
    void smimeIsALeaf() {
        classes().that().resideInAPackage("org.tegami.smime..").should().onlyDependOnClassesThat()
                .resideInAnyPackage(with("org.tegami.smime..")).check(classes);
    }

    @Test
    void pgpIsALeaf() {
        classes().that().resideInAPackage("org.tegami.pgp..").should().onlyDependOnClassesThat()
                .resideInAnyPackage(with("org.tegami.pgp..")).check(classes);
    }

    @Test
    void cryptomailUsesOnlyTheCryptoLeaves() {
        classes().that().resideInAPackage("org.tegami.cryptomail..").should().onlyDependOnClassesThat()
                .resideInAnyPackage(with("org.tegami.cryptomail..", "org.tegami.smime..", "org.tegami.pgp..")).check(classes);
    }
}
