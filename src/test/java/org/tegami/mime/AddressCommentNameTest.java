package org.tegami.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** "user@host (Real Name)": the comment is the display name, as IMAP servers report it in ENVELOPE. */
class AddressCommentNameTest {

    @Test
    void commentAfterAddrSpecIsTheName() {
        assertThat(AddressParser.parseList("barry@digicool.com (Barry A. Warsaw)"))
                .containsExactly(new Address("Barry A. Warsaw", null, "barry", "digicool.com"));
        assertThat(AddressParser.parseList("a@b (A (nested) \\) x), c@d"))
                .containsExactly(new Address("A (nested) ) x", null, "a", "b"), new Address(null, null, "c", "d"));
        assertThat(AddressParser.parseList("a@b ()")).containsExactly(new Address(null, null, "a", "b"));
    }

    @Test
    void phrasesAndGroupsAreUnchanged() {
        assertThat(AddressParser.parseList("Name <a@b> (comment)")).containsExactly(new Address("Name", null, "a", "b"));
        assertThat(AddressParser.parseList("group2: (foo) ;"))
                .containsExactly(new Address(null, null, "group2", null), new Address(null, null, null, null));
    }
}
