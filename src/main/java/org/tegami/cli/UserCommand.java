package org.tegami.cli;

import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.store.Account;
import org.tegami.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", description = "Manage accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Remove.class,
                UserCommand.ListUsers.class, UserCommand.SetName.class, UserCommand.Quota.class})
final class UserCommand {

    @Command(name = "add", description = "Add an account (with INBOX, Drafts, Sent, Trash, Junk, Archive).")
    static final class Add extends AdminCommand {
        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Option(names = "--name", paramLabel = "NAME", description = "the person's display name")
        String name;

        @Option(names = "--password-stdin", description = "read the password from standard input;"
                + " without it a password is generated and printed")
        boolean passwordStdin;

        @Option(names = "--allow-any-sender", description = "relay account: may send with any sender address")
        boolean allowAnySender;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) throws Exception {
            String password = passwordStdin ? PasswordInput.fromStdin() : admin.generatePassword();
            Account a = admin.addUser(address, name, password, allowAnySender);
            System.out.println("added user " + a.address() + (a.displayName() == null ? "" : " (" + a.displayName() + ")")
                    + (allowAnySender ? " [allow-any-sender]" : ""));
            if (!passwordStdin) {
                System.out.println("password: " + password);
            }
            return 0;
        }
    }

    @Command(name = "passwd", description = "Set an account's password.")
    static final class Passwd extends AdminCommand {
        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Option(names = "--password-stdin", description = "read the password from standard input;"
                + " without it a password is generated and printed")
        boolean passwordStdin;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) throws Exception {
            String password = passwordStdin ? PasswordInput.fromStdin() : admin.generatePassword();
            admin.setPassword(address, password);
            System.out.println("password changed for " + org.tegami.directory.Directory.canonical(address));
            if (!passwordStdin) {
                System.out.println("password: " + password);
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove an account and its mailboxes.")
    static final class Remove extends AdminCommand {
        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            if (!admin.removeUser(address)) {
                System.err.println("tegami: no such account: " + address);
                return 1;
            }
            System.out.println("removed user " + org.tegami.directory.Directory.canonical(address));
            return 0;
        }
    }

    @Command(name = "list", description = "List accounts, optionally of one domain.")
    static final class ListUsers extends AdminCommand {
        @Parameters(paramLabel = "DOMAIN", arity = "0..1")
        String domain;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            for (Account a : admin.users(domain)) {
                System.out.println(a.address() + (a.displayName() == null ? "" : "\t" + a.displayName())
                        + (a.allowAnySender() ? "\t[allow-any-sender]" : ""));
            }
            return 0;
        }
    }

    @Command(name = "set-name", description = "Set an account's display name.")
    static final class SetName extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            admin.setDisplayName(address, name);
            System.out.println("display name of " + org.tegami.directory.Directory.canonical(address) + " set");
            return 0;
        }
    }

    @Command(name = "quota", description = "Set an account's storage quota in bytes (0 = unlimited), e.g. 1G.")
    static final class Quota extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Parameters(index = "1", paramLabel = "SIZE")
        String size;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            long bytes = Sizes.parse(size);
            admin.setQuota(address, bytes);
            System.out.println("quota of " + org.tegami.directory.Directory.canonical(address) + " set to " + bytes + " bytes");
            return 0;
        }
    }
}
