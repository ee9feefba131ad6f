package org.tegami.cli;

import org.tegami.app.StartupException;
import org.tegami.app.Version;
import org.tegami.config.ConfigException;
import org.tegami.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `tegami`: the server and its admin commands. */
@Command(name = "tegami", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Tegami: an all-in-one, secure-by-default mail server.",
        subcommands = {ServeCommand.class, DomainCommand.class, UserCommand.class, AliasCommand.class,
                MailboxCommand.class, QueueCommand.class, KeysCommand.class, TrustCommand.class, CryptoCommand.class,
                QuarantineCommand.class, AnalyzeCommand.class,
                DkimCommand.class, DnsCommand.class, DmarcCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // Refuse client-initiated TLS renegotiation (a DoS vector); must be set before TLS is used.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        System.exit(execute(args));
    }

    /** Runs a command line and returns the exit code (tests call this directly). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("tegami: " + message(e));
            return e instanceof IllegalArgumentException || e instanceof ConfigException ? 2 : 1;
        });
        return cl.execute(args);
    }

    /** One clear line for the user; never a stack trace for expected problems. */
    static String message(Exception e) {
        if (e instanceof ConfigException || e instanceof StartupException || e instanceof StoreException
                || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return "error: " + e;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tegami " + Version.get()};
        }
    }
}
