package org.tegami.imap.imaptest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One Dovecot imaptest script (../shared/conformance/imaptest/scripted_test.md) as data, for the
 * runner that drives a live server: the header settings and the command groups in order, each
 * with the commands to send and the replies to expect. Produced by {@link ScriptParser}.
 *
 * <p>Command text and reply arguments keep the script's variables unresolved ("$mailbox",
 * "${sep}", "$uid1", "$" for anything, "$1" for an expunged sequence number, "${case:...}",
 * "$modseqN"); the runner resolves and binds them while matching. Text is one char per octet
 * (ISO-8859-1), as scripts hold 8-bit data.
 *
 * @param name file name, e.g. "fetch-body"
 * @param mbox the messages to append: {@code <name>.mbox} beside the script, else {@code default.mbox}
 * @param capabilities capabilities the server must have, else the test is skipped
 * @param connections number of connections (1..100)
 * @param messages how many messages to append ({@link #ALL_MESSAGES} for "all"); null if the
 *     header is absent (imaptest then appends none unless the state implies it — see docs)
 * @param state how far imaptest prepares each connection before the commands
 * @param ignoreExtraUntagged untagged replies not listed may come (default true)
 * @param users "user N: name" headers: per-connection user names
 * @param groups command groups in order; a LOGOUT group is added at the end, as imaptest does,
 *     when no command logs out and no BYE is expected
 * @param bannerCheck the script expects untagged data before any command (the greeting)
 */
public record Script(
        String name,
        Path file,
        Path mbox,
        List<String> capabilities,
        int connections,
        Integer messages,
        State state,
        boolean ignoreExtraUntagged,
        Map<Integer, String> users,
        List<Group> groups,
        boolean bannerCheck) {

    public static final int ALL_MESSAGES = Integer.MAX_VALUE;

    public Script {
        capabilities = List.copyOf(capabilities);
        users = Map.copyOf(users);
        groups = List.copyOf(groups);
    }

    /** "state:" header (scripted_test.md): each state includes the ones before it. */
    public enum State {
        /** Don't authenticate. */
        NONAUTH,
        /** Log in and delete the test mailboxes. */
        AUTH,
        /** ... and create the test mailbox. */
        CREATED,
        /** ... and append the messages. */
        APPENDED,
        /** ... and select the mailbox (the default). */
        SELECTED
    }

    /**
     * Commands sent back to back (pipelined) on one connection, and what must come back before
     * the next group starts.
     *
     * @param connection 1-based connection number
     * @param untagged expected untagged replies, in any order unless {@code ordered}
     * @param ordered "!ordered": untagged replies must come in the listed order
     * @param sleep "!sleep": pause after the group, or null
     * @param output "!output" lines: text to print
     */
    public record Group(int connection, List<Command> commands, List<Untagged> untagged, boolean ordered,
            Duration sleep, List<String> output) {
        public Group {
            commands = List.copyOf(commands);
            untagged = List.copyOf(untagged);
            output = List.copyOf(output);
        }
    }

    /**
     * One command.
     *
     * @param line line number in the script
     * @param tag the script's tag number ("tag1" is 1), or 0 when the runner picks the tag
     * @param text the command without tag; literals inline as "{n}\r\n..." / "~{n}\r\n..."
     * @param reply the expected tagged reply
     * @param implicit added by the parser (the final LOGOUT), not written in the script
     */
    public record Command(int line, int tag, String text, Reply reply, boolean implicit) {}

    /** Expected tagged status; ANY is the script's "" (whatever comes). */
    public enum Status { OK, NO, BAD, ANY }

    /**
     * An expected tagged reply.
     *
     * @param rest arguments the reply must start with after the status (e.g. "[READ-WRITE]")
     */
    public record Reply(Status status, List<ImapArg> rest) {
        public Reply {
            rest = List.copyOf(rest);
        }
    }

    /** "*" must come, "!" must not come, "?" may come. */
    public enum Existence { MUST, MUST_NOT, MAY }

    /**
     * An expected untagged reply (after "* "): e.g. [1, fetch, (uid $uid1)]. Lists carry their
     * matching directives — explicit "$!..." ones or imaptest's defaults for FETCH, FETCH FLAGS,
     * LIST, LSUB and STATUS.
     */
    public record Untagged(Existence existence, List<ImapArg> args, int line) {
        public Untagged {
            args = List.copyOf(args);
        }
    }
}
