package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tegami.imap.imaptest.ImapArg;
import org.tegami.imap.imaptest.ImapArgParser;
import org.tegami.imap.imaptest.Mbox;
import org.tegami.imap.imaptest.Script;
import org.tegami.imap.imaptest.ScriptParser;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.testing.Conformance;

/**
 * The expectations of imaptest's fetch-envelope and fetch-bodystructure scripts, checked against
 * the renderers directly: each "* n FETCH (ENVELOPE ...)" / "(BODY ...)" line against our
 * rendering of message n of the script's mbox, compared as imaptest compares (strings without
 * regard to case).
 */
class ImaptestFetchGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"fetch-envelope", "fetch-bodystructure"})
    void rendersWhatTheScriptExpects(String name) throws Exception {
        Path dir = Conformance.dir("imaptest").resolve("tests");
        Script script = ScriptParser.parse(dir.resolve(name), v -> null);
        List<byte[]> messages = Mbox.read(script.mbox());
        int checked = 0;
        for (Script.Group g : script.groups()) {
            for (Script.Untagged u : g.untagged()) {
                int seq = Integer.parseInt(((ImapArg.Atom) u.args().get(0)).text());
                ImapArg.ListArg expected = (ImapArg.ListArg) u.args().get(2);
                String item = ((ImapArg.Atom) expected.items().get(0)).text().toUpperCase(Locale.ROOT);
                ParsedMessage pm = MimeParser.parse(messages.get(seq - 1));
                String ours = switch (item) {
                    case "ENVELOPE" -> EnvelopeRenderer.render(pm.envelope(), false);
                    case "BODY" -> BodyStructureRenderer.render(pm.root(), false, false);
                    case "BODYSTRUCTURE" -> BodyStructureRenderer.render(pm.root(), true, false);
                    default -> throw new AssertionError(item);
                };
                ImapArg actual = ImapArgParser.parse(ours.getBytes(StandardCharsets.UTF_8), false).get(0);
                assertThat(fold(actual)).as("%s message %d", item, seq).isEqualTo(fold(expected.items().get(1)));
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    private static String fold(ImapArg a) {
        return switch (a) {
            case ImapArg.Nil n -> "NIL";
            case ImapArg.Atom at -> at.text().toLowerCase(Locale.ROOT);
            case ImapArg.Str s -> "\"" + s.text().toLowerCase(Locale.ROOT) + "\"";
            case ImapArg.ListArg l -> {
                List<String> parts = new ArrayList<>();
                l.items().forEach(x -> parts.add(fold(x)));
                yield "(" + String.join(" ", parts) + ")";
            }
        };
    }
}
