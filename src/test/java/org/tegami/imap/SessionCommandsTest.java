package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 9051 §6.1 (any state), §6.2 (not authenticated), ENABLE (§6.3.1), ID (RFC 2971). */
class SessionCommandsTest {

    static Stream<Arguments> valid() {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("name", "Thunderbird");
        id.put("version", null);
        return Stream.of(
                Arguments.of("a CAPABILITY", new AnyStateCommand.Capability("a")),
                Arguments.of("a.1 noop", new AnyStateCommand.Noop("a.1")),
                Arguments.of("A003 LOGOUT ", new AnyStateCommand.Logout("A003")),
                Arguments.of("a ID NIL", new AnyStateCommand.Id("a", null)),
                Arguments.of("a ID (\"name\" \"Thunderbird\" \"version\" NIL)", new AnyStateCommand.Id("a", id)),
                Arguments.of("a ID ()", new AnyStateCommand.Id("a", Map.of())),
                Arguments.of("a STARTTLS", new NotAuthenticatedCommand.StartTls("a")),
                Arguments.of("a AUTHENTICATE plain", new NotAuthenticatedCommand.Authenticate("a", "PLAIN", null)),
                Arguments.of("a AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=",
                        new NotAuthenticatedCommand.Authenticate("a", "PLAIN", "dGVzdAB0ZXN0AHRlc3Q=")),
                Arguments.of("a AUTHENTICATE EXTERNAL =", new NotAuthenticatedCommand.Authenticate("a", "EXTERNAL", "=")),
                Arguments.of("a LOGIN SMITH SESAME", new NotAuthenticatedCommand.Login("a", "SMITH", "SESAME")),
                Arguments.of("a LOGIN \"fred foobar\" \"pa\\\"ss\\\\\"",
                        new NotAuthenticatedCommand.Login("a", "fred foobar", "pa\"ss\\")),
                Arguments.of("a LOGIN {4}\r\nfred {5}\r\n\"{}\r\n", new NotAuthenticatedCommand.Login("a", "fred", "\"{}\r\n")),
                Arguments.of("a LOGIN \"jürgen\" \"päss\"", new NotAuthenticatedCommand.Login("a", "jürgen", "päss")),
                Arguments.of("a LOGIN x ]", new NotAuthenticatedCommand.Login("a", "x", "]")),
                Arguments.of("a ENABLE CONDSTORE qresync UTF8=ACCEPT IMAP4rev2",
                        new AuthenticatedCommand.Enable("a", List.of("CONDSTORE", "QRESYNC", "UTF8=ACCEPT", "IMAP4REV2"))),
                Arguments.of("a NAMESPACE", new AuthenticatedCommand.Namespace("a")),
                Arguments.of("a IDLE", new AuthenticatedCommand.Idle("a")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesAndRoundTrips(String wire, Command expected) {
        Golden.check(wire, expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a NOOP x", "Unexpected characters at end of command"),
                Arguments.of("a LOGIN smith", "Missing argument"),
                Arguments.of("a LOGIN smith  sesame", "Expected a string"),
                Arguments.of("a LOGIN \"smith sesame", "Missing '\"'"),
                Arguments.of("a LOGIN \"a\\b\" c", "Invalid escape in quoted string"),
                Arguments.of("a LOGIN \"a\u0000\" c", "NUL in quoted string"),
                Arguments.of("a LOGIN jürgen x", "8-bit characters must be quoted"),
                Arguments.of("a AUTHENTICATE PLAIN abc", "Invalid base64 in initial response"),
                Arguments.of("a AUTHENTICATE", "Missing argument"),
                Arguments.of("a ENABLE", "Missing argument"),
                Arguments.of("a ID (\"a\")", "Expected a space"),
                Arguments.of("a", "Missing argument"),
                Arguments.of("a (NOOP", "Expected an atom"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWithTaggedBad(String wire, String text) {
        CommandError e = Golden.error(wire);
        assertThat(e.tag()).isEqualTo("a");
        assertThat(e.no()).isFalse();
        assertThat(e.text()).isEqualTo(text);
    }

    @Test
    void invalidUtf8InAQuotedStringIsBad() {
        byte[] wire = {'a', ' ', 'L', 'O', 'G', 'I', 'N', ' ', '"', (byte) 0xC3, '"', ' ', 'x'};
        ReadResult r = new CommandParser().parse(wire);
        assertThat(((ReadResult.Failed) r).error().text()).isEqualTo("Invalid UTF-8 in string");
    }

    @Test
    void idFollowsRfc2971Limits() {
        StringBuilder sb = new StringBuilder("a ID (");
        for (int i = 0; i < 31; i++) {
            sb.append(i > 0 ? " " : "").append("\"k").append(i).append("\" \"v\"");
        }
        assertThat(Golden.error(sb.append(')').toString()).code()).isEqualTo(ResponseCode.LIMIT);
        assertThat(Golden.error("a ID (\"" + "k".repeat(31) + "\" NIL)").code()).isEqualTo(ResponseCode.LIMIT);
    }

    @Test
    void secretsStayOutOfToString() {
        assertThat(Golden.parse("a LOGIN smith sesame").toString()).doesNotContain("sesame");
        assertThat(Golden.parse("a AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=").toString()).doesNotContain("dGVzd");
        assertThat(new NotAuthenticatedCommand.Authenticate("a", "PLAIN", "AGEAYg==").initialResponseBytes())
                .containsExactly(0, 'a', 0, 'b');
        assertThat(new NotAuthenticatedCommand.Authenticate("a", "PLAIN", "=").initialResponseBytes()).isEmpty();
    }
}
