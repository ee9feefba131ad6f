package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** LIST wildcards (RFC 9051 §6.3.9): "*" crosses hierarchy levels, "%" does not. */
class MailboxPatternTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*|INBOX|true",
        "*|a/b/c|true",
        "%|a|true",
        "%|a/b|false",
        "a/%|a/b|true",
        "a/%|a/b/c|false",
        "a/*|a/b/c|true",
        "a/*|a|false",
        "a*|a|true",
        "a%c|abc|true",
        "a%c|a/c|false",
        "*c|a/b/c|true",
        "%/%|a/b|true",
        "inbox|INBOX|true",
        "InBox/%|INBOX/sub|true",
        "inbox*|INBOX/x|true",
        "inbox|INBOXES|false",
        "foo|FOO|false",
        "''|''|true",
        "''|a|false",
        "a*b*c*d|axxbyyczzd|true",
        "a*b*c*d|axxbyyczz|false"
    })
    void matches(String pattern, String name, boolean expected) {
        assertThat(MailboxPattern.compile(pattern, '/').matches(name)).isEqualTo(expected);
    }

    @Test
    void referenceIsPrepended() {
        assertThat(MailboxPattern.compile("~/Mail/", "foo.*", '/').pattern()).isEqualTo("~/Mail/foo.*");
        assertThat(MailboxPattern.compile("a/", "/b", '/').pattern()).isEqualTo("a/b");
        assertThat(MailboxPattern.compile("a", "b", '/').pattern()).isEqualTo("ab");
        assertThat(MailboxPattern.compile("", "%", '/').isLiteral()).isFalse();
        assertThat(MailboxPattern.compile("", "INBOX", '/').isLiteral()).isTrue();
    }

    @Test
    void manyWildcardsStayLinear() {
        MailboxPattern p = MailboxPattern.compile("*".repeat(200) + "x" + "%".repeat(200) + "y", '/');
        long start = System.nanoTime();
        assertThat(p.matches("a".repeat(2000))).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
