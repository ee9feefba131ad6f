package org.tegami.threat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The threat package is a leaf: mime/smtp/io, the JDK, jsoup and Guava only — never config, store or network. */
class ThreatArchitectureTest {

    @Test
    void threatIsALeafPackage() {
        JavaClasses threat = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tegami.threat");
        classes().that().resideInAPackage("org.tegami.threat")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "org.tegami.threat..", "org.tegami.mime..", "org.tegami.smtp..", "org.tegami.io..",
                        "java..", "javax.annotation..", "org.jsoup..", "com.google.common.net..", "com.google.common.base..")
                .check(threat);
    }
}
