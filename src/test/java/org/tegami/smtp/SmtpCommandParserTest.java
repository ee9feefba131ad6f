package org.tegami.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpCommandParserTest {

    @Test
    void parsesMailWithParams() throws Exception {
        var m = (SmtpCommand.Mail) SmtpCommandParser.parse("mail from:<Bob@Example.TEST> SIZE=1000 body=8bitmime");
        assertThat(m.sender().localPart()).isEqualTo("Bob");
        assertThat(m.sender().domain()).isEqualTo("example.test");
        assertThat(m.params()).containsEntry("SIZE", "1000").containsEntry("BODY", "8bitmime");
    }

    @Test
    void nullSenderAndSpaceAfterColon() throws Exception {
        assertThat(((SmtpCommand.Mail) SmtpCommandParser.parse("MAIL FROM:<>")).sender()).isNull();
        assertThat(((SmtpCommand.Mail) SmtpCommandParser.parse("MAIL FROM: <a@b.test>")).sender())
                .isEqualTo(new MailAddress("a", "b.test"));
    }

    @Test
    void quotedLocalPartKeepsItsCharacters() throws Exception {
        var r = (SmtpCommand.Rcpt) SmtpCommandParser.parse("RCPT TO:<\"user@other.test\"@example.test>");
        assertThat(r.recipient().localPart()).isEqualTo("user@other.test");
        assertThat(r.recipient().domain()).isEqualTo("example.test");
        assertThat(r.recipient().toString()).isEqualTo("\"user@other.test\"@example.test");
    }

    @Test
    void sourceRouteIsDroppedMailboxDecides() throws Exception {
        var r = (SmtpCommand.Rcpt) SmtpCommandParser.parse("RCPT TO:<@example.test,@relay.test:user@other.test>");
        assertThat(r.recipient()).isEqualTo(new MailAddress("user", "other.test"));
    }

    @Test
    void percentHackIsALocalPart() throws Exception {
        var r = (SmtpCommand.Rcpt) SmtpCommandParser.parse("RCPT TO:<user%other.test@example.test>");
        assertThat(r.recipient()).isEqualTo(new MailAddress("user%other.test", "example.test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "RCPT TO:<other.test!user>", "RCPT TO:<user@example.test.>", "RCPT TO:<user@>", "RCPT TO:<@>",
        "RCPT TO:user@example.test", "RCPT TO:<user@exa mple.test>", "RCPT TO:<>", "RCPT TO:<a..b@example.test>",
        "RCPT TO:<user@[300.1.1.1]>", "RCPT TO:<user@-bad.test>", "MAIL FROM:<a@b.test> SIZE=1 SIZE=2",
        "MAIL TO:<a@b.test>", "BDAT x", "BDAT 10 FIRST", "DATA now", "MAIL FROM:<a@b\u0000.test>"
    })
    void rejectsBadSyntax(String line) {
        assertThatThrownBy(() -> SmtpCommandParser.parse(line)).isInstanceOf(SmtpSyntaxException.class);
    }

    @Test
    void addressLiteralsAndPostmaster() throws Exception {
        var r = (SmtpCommand.Rcpt) SmtpCommandParser.parse("RCPT TO:<user@[127.0.0.1]>");
        assertThat(r.recipient().isAddressLiteral()).isTrue();
        var p = (SmtpCommand.Rcpt) SmtpCommandParser.parse("RCPT TO:<Postmaster>");
        assertThat(p.recipient().domain()).isEmpty();
        var v6 = (SmtpCommand.Rcpt) SmtpCommandParser.parse("RCPT TO:<u@[IPv6:::1]>");
        assertThat(v6.recipient().domain()).isEqualTo("[ipv6:::1]");
    }

    @Test
    void utf8Addresses() throws Exception {
        var r = (SmtpCommand.Rcpt) SmtpCommandParser.parse("RCPT TO:<用户@例子.测试>");
        assertThat(r.recipient().needsSmtpUtf8()).isTrue();
        assertThat(r.recipient().asciiDomain()).isEqualTo("xn--fsqu00a.xn--0zwm56d");
    }

    @Test
    void bdatAndAuthAndUnknown() throws Exception {
        assertThat(SmtpCommandParser.parse("BDAT 1000 LAST")).isEqualTo(new SmtpCommand.Bdat(1000, true));
        assertThat(SmtpCommandParser.parse("auth plain AGEAYg==")).isEqualTo(new SmtpCommand.Auth("PLAIN", "AGEAYg=="));
        assertThat(SmtpCommandParser.parse("XYZZY foo")).isEqualTo(new SmtpCommand.Unknown("XYZZY"));
    }

    @Test
    void replyEncodingMultiline() {
        Reply r = new Reply(250, null, java.util.List.of("host greets you", "PIPELINING", "SIZE 10"));
        assertThat(new String(r.encode())).isEqualTo("250-host greets you\r\n250-PIPELINING\r\n250 SIZE 10\r\n");
        assertThat(new String(new Reply(550, "5.1.1", "no\r\nsuch").encode())).isEqualTo("550 5.1.1 no  such\r\n");
    }
}
