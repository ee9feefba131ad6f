package org.tegami.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs `tegami ...` in-process against one data directory, capturing stdout/stderr, with stdin. */
final class TegamiCli {

    record Run(int code, String out, String err, byte[] outBytes) {
        @Override
        public String toString() {
            return "exit " + code + "\nout: " + out + "\nerr: " + err;
        }
    }

    private final Path data;

    TegamiCli(Path data) {
        this.data = data;
    }

    /** Serialised: System.out/err/in are process-wide. */
    static synchronized Run run(Path data, String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
            List<String> full = new ArrayList<>(List.of(args));
            full.add("--data");
            full.add(data.toString());
            int code = Main.execute(full.toArray(String[]::new));
            System.out.flush();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    Run withStdin(String stdin, String... args) {
        return run(data, stdin, args);
    }

    Run run(String... args) {
        return run(data, null, args);
    }
}
