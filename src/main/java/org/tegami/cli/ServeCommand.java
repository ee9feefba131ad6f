package org.tegami.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tegami.app.ServerOptions;
import org.tegami.app.Tegami;
import org.tegami.config.TegamiConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the mail server (SMTP 25, submission 587/465, ... plus --port-offset).")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    Common common;

    @Option(names = "--hostname", paramLabel = "NAME", description = "our host name in greetings and headers")
    String hostname;

    @Option(names = "--bind", paramLabel = "ADDR", description = "listen on (and send from) this address only")
    String bind;

    @Option(names = "--port-offset", paramLabel = "N", description = "add N to every standard port")
    Integer portOffset;

    @Override
    public Integer call() throws Exception {
        if (bind != null && !com.google.common.net.InetAddresses.isInetAddress(bind)) {
            throw new IllegalArgumentException("--bind needs an IP address, got " + bind);
        }
        if (portOffset != null && (portOffset < 0 || portOffset > 60000)) {
            throw new IllegalArgumentException("--port-offset must be between 0 and 60000");
        }
        TegamiConfig config = common.loadConfig();
        Tegami server = Tegami.start(config, new ServerOptions(common.dataDir(), hostname, bind, portOffset));
        // SIGHUP: reload the TLS certificate now (the server also notices changed files by itself).
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> server.reloadTls());
        } catch (IllegalArgumentException e) {
            // no SIGHUP on this platform
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
