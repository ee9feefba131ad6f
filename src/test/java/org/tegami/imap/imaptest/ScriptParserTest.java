package org.tegami.imap.imaptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tegami.testing.Conformance;

/** The script model over every imaptest script, and the format's rules on small examples. */
class ScriptParserTest {

    static Stream<Path> scripts() throws IOException {
        Path tests = Conformance.dir("imaptest").resolve("tests");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(tests)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".mbox"))
                    .sorted().forEach(out::add);
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void parsesEveryScript(Path file) throws Exception {
        Script s = ScriptParser.parse(file, name -> null);
        assertThat(s.groups()).isNotEmpty();
        assertThat(Files.exists(s.mbox())).isTrue();
        for (Script.Group g : s.groups()) {
            assertThat(g.connection()).isBetween(1, s.connections());
            for (Script.Command c : g.commands()) {
                assertThat(c.reply()).as("%s line %d", file, c.line()).isNotNull();
                assertThat(c.text()).isNotNull();
            }
        }
        // every message of the mbox splits
        assertThat(Mbox.read(s.mbox())).isNotEmpty();
    }

    @Test
    void allScriptsCounted() throws IOException {
        assertThat(scripts().count()).isGreaterThanOrEqualTo(70);
    }

    @Test
    void headerAndMethodOne() throws Exception {
        Script s = parse("""
                capabilities: CHILDREN LIST-EXTENDED
                messages: all
                state: auth

                ok select $mailbox
                * 0 exists
                """);
        assertThat(s.capabilities()).containsExactly("CHILDREN", "LIST-EXTENDED");
        assertThat(s.messages()).isEqualTo(Script.ALL_MESSAGES);
        assertThat(s.state()).isEqualTo(Script.State.AUTH);
        Script.Group g = s.groups().get(0);
        assertThat(g.commands()).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("select $mailbox");
            assertThat(c.tag()).isZero();
            assertThat(c.reply().status()).isEqualTo(Script.Status.OK);
        });
        assertThat(g.untagged()).singleElement().satisfies(u -> {
            assertThat(u.existence()).isEqualTo(Script.Existence.MUST);
            assertThat(u.args()).hasToString("[0, exists]");
        });
        // no logout in the script: imaptest adds one
        assertThat(s.groups().get(1).commands().get(0)).satisfies(c -> {
            assertThat(c.text()).isEqualTo("logout");
            assertThat(c.implicit()).isTrue();
        });
    }

    @Test
    void methodTwoReplyPrefixAndMethodThreePipelining() throws Exception {
        Script s = parse("""
                connections: 2

                1 select $mailbox
                * 0 exists
                1 ok [read-write]

                2 tag1 status ${mailbox} (messages)
                2 tag2 status ${mailbox}2 (messages)
                * status ${mailbox} (messages 0)
                2 tag2 ok
                2 tag1 no [nonexistent]
                """);
        Script.Group first = s.groups().get(0);
        assertThat(first.connection()).isEqualTo(1);
        assertThat(first.commands().get(0).reply().rest()).hasToString("[[read-write]]");
        Script.Group second = s.groups().get(1);
        assertThat(second.connection()).isEqualTo(2);
        assertThat(second.commands()).extracting(Script.Command::tag).containsExactly(1, 2);
        assertThat(second.commands().get(0).reply().status()).isEqualTo(Script.Status.NO);
        assertThat(second.commands().get(1).reply().status()).isEqualTo(Script.Status.OK);
        ImapArg.ListArg status = (ImapArg.ListArg) second.untagged().get(0).args().get(2);
        assertThat(status.directives()).containsExactly(new ImapArg.Directive.Unordered(2));
        assertThat(status.items()).hasToString("[messages, 0]");
    }

    @Test
    void multiLineLiteralsBecomeLiterals() throws Exception {
        Script s = parse("""
                messages: 1

                ok append $mailbox {{{
                From: a@b

                body
                }}}
                ok fetch 1 body.peek[text]
                * 1 fetch (body[text] {{{
                body

                }}})
                """);
        assertThat(s.groups().get(0).commands().get(0).text())
                .isEqualTo("append $mailbox {17}\r\nFrom: a@b\r\n\r\nbody");
        ImapArg.ListArg fetch = (ImapArg.ListArg) s.groups().get(1).untagged().get(0).args().get(2);
        assertThat(fetch.items().get(1)).isEqualTo(new ImapArg.Str("body\r\n", true, false));
        assertThat(fetch.directives()).containsExactly(new ImapArg.Directive.Unordered(2));
    }

    @Test
    void flagListsGetImaptestDefaultsAndExplicitDirectivesWin() throws Exception {
        Script s = parse("""

                ok fetch 1 (uid flags)
                * 1 fetch (uid $uid1 flags (\\seen))
                ok list "" *
                * list ($!unordered $!ban=\\noselect \\subscribed) $sep $mailbox
                """);
        ImapArg.ListArg fetch = (ImapArg.ListArg) s.groups().get(0).untagged().get(0).args().get(2);
        ImapArg.ListArg flags = (ImapArg.ListArg) fetch.items().get(3);
        assertThat(flags.directives()).contains(new ImapArg.Directive.Unordered(1), new ImapArg.Directive.NoExtra(),
                new ImapArg.Directive.Ignore("\\recent"));
        assertThat(flags.items()).hasToString("[\\seen]");
        ImapArg.ListArg list = (ImapArg.ListArg) s.groups().get(1).untagged().get(0).args().get(1);
        assertThat(list.directives()).containsExactly(new ImapArg.Directive.Unordered(1),
                new ImapArg.Directive.Ban("\\noselect"));
        assertThat(list.items()).hasToString("[\\subscribed]");
    }

    @Test
    void ifenvSelectsLines() throws Exception {
        String text = """

                !ifenv HAVE_FOO
                ok foo
                !else
                ok bar
                !endif
                !ifnenv HAVE_FOO
                ok baz
                !endif
                """;
        Script without = parse(text);
        assertThat(without.groups()).extracting(g -> g.commands().get(0).text()).containsExactly("bar", "baz", "logout");
        Path f = write(text);
        Script with = ScriptParser.parse(f, Map.of("HAVE_FOO", "1")::get);
        assertThat(with.groups()).extracting(g -> g.commands().get(0).text()).containsExactly("foo", "logout");
    }

    @Test
    void untaggedBeforeAnyCommandIsABannerCheckAndByeCountsAsLogout() throws Exception {
        Script s = parse("""
                state: nonauth

                * OK
                ok noop
                ! bye
                ok logout
                * bye
                """);
        assertThat(s.bannerCheck()).isTrue();
        assertThat(s.groups().get(1).untagged().get(0).existence()).isEqualTo(Script.Existence.MUST_NOT);
        assertThat(s.groups()).noneMatch(g -> g.commands().stream().anyMatch(Script.Command::implicit));
    }

    @Test
    void rejectsBrokenScripts() {
        assertThatThrownBy(() -> parse("bogus\n\nok noop\n")).hasMessageContaining("missing ':'");
        assertThatThrownBy(() -> parse("\nok fetch 1 x\n* 1 fetch ($!unordered=2 uid)\n"))
                .hasMessageContaining("chain size=2");
        assertThatThrownBy(() -> parse("\nappend x {{{\nabc\n")).hasMessageContaining("not ended");
        assertThatThrownBy(() -> parse("\nnoop\n")).hasMessageContaining("missing reply");
        assertThatThrownBy(() -> parse("connections: 2\n\nok noop\n")).hasMessageContaining("connection number");
        assertThatThrownBy(() -> parse("\n!ifnenv X\nok noop\n")).hasMessageContaining("!endif");
        assertThatThrownBy(() -> parse("\nok noop\n* 1 fetch ($!sorted x)\n")).hasMessageContaining("unknown directive");
    }

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("script" + System.nanoTime());
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("default.mbox"), "From a@b Fri Feb 22 17:06:23 2008\nSubject: x\n\nbody\n");
        return f;
    }

    private Script parse(String text) throws Exception {
        return ScriptParser.parse(write(text), name -> null);
    }
}
