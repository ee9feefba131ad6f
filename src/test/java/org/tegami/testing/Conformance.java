package org.tegami.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the external conformance suites in ../shared/conformance (never copied into the repo).
 * Where they are absent a test says so and is skipped; under CI=true their absence fails the run.
 */
public final class Conformance {

    private Conformance() {}

    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The directory ../shared/conformance/NAME, or a skip (a failure under CI=true). */
    public static Path dir(String name) {
        Path base = Path.of(System.getProperty("tegami.project.dir", ".")).toAbsolutePath()
                .resolve("../shared/conformance").normalize();
        Path dir = base.resolve(name);
        if (!Files.isDirectory(dir)) {
            String msg = "conformance suite missing: " + dir;
            if (ci()) {
                Assertions.fail(msg + " (required under CI=true)");
            }
            Assumptions.abort(msg);
        }
        return dir;
    }
}
