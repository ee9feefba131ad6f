package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Modified UTF-7 (RFC 3501 §5.1.3). */
class ModifiedUtf7Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "INBOX|INBOX",
        "~peter/mail/台北/日本語|~peter/mail/&U,BTFw-/&ZeVnLIqe-",
        "Entwürfe|Entw&APw-rfe",
        "p\u00e4\u00e4|p&AOQA5A-",
        "a&b|a&-b",
        "&|&-",
        "tab\there|tab&AAk-here",
        "😀|&2D3eAA-",
        "Ä&Ö|&AMQ-&-&ANY-"
    })
    void encodesAndDecodes(String name, String wire) throws ImapSyntaxException {
        assertThat(ModifiedUtf7.encode(name)).isEqualTo(wire);
        assertThat(ModifiedUtf7.decode(wire)).isEqualTo(name);
        assertThat(ModifiedUtf7.isValid(wire)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "&", "&U,BTFw", "&-&", "&AGE-", "&Jjo!-", "&U,BTF-", "&2D0-", "&3gA-", "&AOQ", "na\u00efve", "x\u0001y", "&-&A-",
        "&AOQA5AB-"
    })
    void rejectsInvalid(String wire) {
        assertThatThrownBy(() -> ModifiedUtf7.decode(wire)).isInstanceOf(ImapSyntaxException.class);
        assertThat(ModifiedUtf7.isValid(wire)).isFalse();
    }

    @Test
    void adjacentEncodedRunsAreAccepted() throws ImapSyntaxException {
        assertThat(ModifiedUtf7.decode("&AOQ-&AOQ-")).isEqualTo("ää");
    }
}
