package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests of the sans-I/O parser (no sockets). */
class Pop3CommandParserTest {

    private static Pop3Command parse(String line) throws Pop3SyntaxException {
        return Pop3CommandParser.parse(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommand() throws Exception {
        assertThat(parse("USER alice@example.test")).isEqualTo(new Pop3Command.User("alice@example.test"));
        assertThat(parse("pass  two  spaces ")).isEqualTo(new Pop3Command.Pass(" two  spaces "));
        assertThat(parse("APOP mrose c4c9334bac560ecc979e58001b3e22fb"))
                .isEqualTo(new Pop3Command.Apop("mrose", "c4c9334bac560ecc979e58001b3e22fb"));
        assertThat(parse("AUTH")).isEqualTo(new Pop3Command.Auth(null, null));
        assertThat(parse("auth plain")).isEqualTo(new Pop3Command.Auth("PLAIN", null));
        assertThat(parse("AUTH PLAIN AGFsaWNlAHB3")).isEqualTo(new Pop3Command.Auth("PLAIN", "AGFsaWNlAHB3"));
        assertThat(parse("AUTH PLAIN =")).isEqualTo(new Pop3Command.Auth("PLAIN", "="));
        assertThat(parse("STAT")).isEqualTo(new Pop3Command.Stat());
        assertThat(parse("LIST")).isEqualTo(new Pop3Command.List(null));
        assertThat(parse("list 7")).isEqualTo(new Pop3Command.List(7L));
        assertThat(parse("RETR 1")).isEqualTo(new Pop3Command.Retr(1));
        assertThat(parse("DELE 12")).isEqualTo(new Pop3Command.Dele(12));
        assertThat(parse("NOOP")).isEqualTo(new Pop3Command.Noop());
        assertThat(parse("RSET")).isEqualTo(new Pop3Command.Rset());
        assertThat(parse("QUIT")).isEqualTo(new Pop3Command.Quit());
        assertThat(parse("TOP 3 0")).isEqualTo(new Pop3Command.Top(3, 0));
        assertThat(parse("UIDL")).isEqualTo(new Pop3Command.Uidl(null));
        assertThat(parse("UIDL 2")).isEqualTo(new Pop3Command.Uidl(2L));
        assertThat(parse("CAPA")).isEqualTo(new Pop3Command.Capa());
        assertThat(parse("STLS")).isEqualTo(new Pop3Command.Stls());
        assertThat(parse("STAT ")).isEqualTo(new Pop3Command.Stat()); // a trailing space is tolerated
    }

    @Test
    void unknownKeywords() throws Exception {
        assertThat(parse("XTND XMIT")).isEqualTo(new Pop3Command.Unknown("XTND"));
        assertThat(parse("HELO x")).isEqualTo(new Pop3Command.Unknown("HELO"));
        assertThat(parse("EHLO")).isEqualTo(new Pop3Command.Unknown("EHLO"));
        assertThat(parse("GET / HTTP/1.1")).isEqualTo(new Pop3Command.Unknown("GET"));
        assertThat(parse("STARTTLS")).isEqualTo(new Pop3Command.Unknown("STARTTLS"));
        assertThat(parse("R3TR 1")).isEqualTo(new Pop3Command.Unknown("R3TR"));
        assertThat(parse("\u00e9t\u00e9")).isInstanceOf(Pop3Command.Unknown.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RETR|RETR needs a message number",
        "RETR 1 2|RETR needs a message number",
        "RETR x|Invalid message number: x",
        "RETR -1|Invalid message number: -1",
        "RETR +1|Invalid message number: +1",
        "RETR 1234567890123456789|Invalid message number: 1234567890123456789",
        "DELE|DELE needs a message number",
        "LIST 1 2|LIST takes at most one message number",
        "UIDL a|Invalid message number: a",
        "TOP 1|TOP needs a message number and a number of lines",
        "TOP 1 -5|Invalid number of lines: -5",
        "STAT 1|STAT takes no arguments",
        "QUIT now|QUIT takes no arguments",
        "STLS x|STLS takes no arguments",
        "USER|USER needs a user name",
        "USER a b|USER needs a user name",
        "PASS|PASS needs a password",
        "PASS |PASS needs a password",
        "APOP x|APOP needs a name and a digest",
        "AUTH PLAIN a b|AUTH takes a mechanism and an optional initial response",
    })
    void syntaxErrors(String line, String message) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(Pop3SyntaxException.class).hasMessage(message);
    }

    @Test
    void lineLimits() throws Exception {
        // RFC 2449 §4: 255 octets with CRLF, so 253 without.
        assertThat(parse("USER " + "a".repeat(248))).isInstanceOf(Pop3Command.User.class);
        assertThatThrownBy(() -> parse("USER " + "a".repeat(249))).hasMessageStartingWith("Command line too long");
        // SASL initial responses may be longer (RFC 5034 §4), up to the AUTH bound.
        assertThat(parse("AUTH PLAIN " + "A".repeat(4000))).isInstanceOf(Pop3Command.Auth.class);
        assertThatThrownBy(() -> parse("AUTH PLAIN " + "A".repeat(Pop3CommandParser.MAX_AUTH_LINE)))
                .hasMessageStartingWith("Command line too long");
    }

    @Test
    void controlCharactersAndBadUtf8() {
        assertThatThrownBy(() -> parse("USER a\0b")).hasMessage("Control characters are not allowed in commands");
        assertThatThrownBy(() -> parse("PASS a\tb")).hasMessage("Control characters are not allowed in commands");
        assertThatThrownBy(() -> parse("PASS x\u007f")).hasMessage("Control characters are not allowed in commands");
        assertThatThrownBy(() -> Pop3CommandParser.parse(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xc3}))
                .hasMessage("Arguments must be UTF-8");
        assertThatThrownBy(() -> parse("")).hasMessage("Empty command");
    }

    @Test
    void passwordsAreUtf8AndNeverPrinted() throws Exception {
        Pop3Command p = parse("PASS pässwörd 🔑");
        assertThat(p).isEqualTo(new Pop3Command.Pass("pässwörd 🔑"));
        assertThat(p.toString()).doesNotContain("pässwörd");
        assertThat(parse("AUTH PLAIN c2VjcmV0").toString()).doesNotContain("c2VjcmV0");
    }
}
