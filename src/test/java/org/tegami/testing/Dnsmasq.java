package org.tegami.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real DNS server for tests: dnsmasq on 127.0.0.1 at a free port, answering only what it is
 * told (no upstream, no hosts file). Point {@code [dns] servers = ["127.0.0.1:" + port]} at it.
 */
public final class Dnsmasq implements AutoCloseable {

    public final int port;
    private final Process process;

    /** @param options dnsmasq record options: --mx-host=..., --address=/name/ip, --txt-record=..., --ptr-record=... */
    public Dnsmasq(List<String> options) throws Exception {
        String exe = ExternalTools.require("dnsmasq");
        Process p = null;
        int chosen = -1;
        for (int attempt = 0; attempt < 10 && p == null; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(40000);
            List<String> cmd = new ArrayList<>(List.of(exe, "--keep-in-foreground", "--no-resolv", "--no-hosts",
                    "--conf-file=/dev/null", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port,
                    "--pid-file=", "--user=root", "--log-facility=-"));
            cmd.addAll(options);
            Process started = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(300);
            if (started.isAlive()) {
                p = started;
                chosen = port;
            }
        }
        if (p == null) {
            throw new IllegalStateException("dnsmasq did not start");
        }
        this.process = p;
        this.port = chosen;
    }

    /** The TOML that points Tegami at this server. */
    public String dnsToml() {
        return "[dns]\nservers = [\"127.0.0.1:" + port + "\"]\ntimeout = \"2s\"\n";
    }

    @Override
    public void close() {
        process.destroy();
    }
}
