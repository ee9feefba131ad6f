package org.tegami.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real third-party clients and peers (swaks, fetchmail, gpg, dkimpy...) come from Debian packages
 * that .ci/run installs. On a machine without them a test is skipped with the reason; under CI=true
 * a missing tool is a failure, so CI can never pass by skipping.
 */
public final class ExternalTools {

    private ExternalTools() {}

    /** Absolute path of an executable on PATH (or /usr/sbin, /sbin), or skip/fail. */
    public static String require(String tool) {
        String found = find(tool);
        if (found == null) {
            String msg = "external tool not installed: " + tool + " (installed by .ci/run)";
            if (Conformance.ci()) {
                Assertions.fail(msg + " — required under CI=true");
            }
            Assumptions.abort(msg);
        }
        return found;
    }

    public static String find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Debian's python3 (/usr/bin/python3) with a module importable, e.g. "dkim"; else skip/fail. */
    public static String requirePythonModule(String module) {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : require("python3");
        try {
            Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                return python;
            }
        } catch (Exception e) {
            // fall through to skip/fail
        }
        String msg = "python module not installed: " + module + " (Debian package, installed by .ci/run)";
        if (Conformance.ci()) {
            Assertions.fail(msg + " — required under CI=true");
        }
        Assumptions.abort(msg);
        return null;
    }
}
