package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-pass phrase matcher gives what the plain regexes give. */
class PhraseSetTest {

    @Test
    void findsTheFirstMatchOfEachList() {
        Map<String, String> lists = new LinkedHashMap<>();
        lists.put("urgency", "\\b(?:urgent(?:ly)?|as soon as possible|(?:with)?in (?:\\d{1,2}|24) hours)\\b|至急");
        lists.put("payment", "\\b(?:wire (?:transfer|payment)|(?:make|send) (?:a |the )?payment)\\b|振込");
        PhraseSet<String> s = PhraseSet.of(lists);
        assertThat(s.findAll("please send the payment within 24 hours, urgently")).containsExactly(
                Map.entry("payment", "send the payment"), Map.entry("urgency", "within 24 hours"));
        assertThat(s.findAll("insurgent nonurgent")).isEmpty(); // word starts only
        assertThat(s.findAll("本日中に至急お振込みください 振込先")).containsEntry("urgency", "至急").containsEntry("payment", "振込");
        assertThat(s.findAll("")).isEmpty();
    }

    @Test
    void distributesLeadingGroupsAndKeepsOthers() {
        assertThat(PhraseSet.distribute("\\b(?:a|b c)\\b")).containsExactly("\\ba\\b", "\\bb c\\b");
        assertThat(PhraseSet.distribute("\\b(?:\\d+ )?(?:held|pending) mail\\b"))
                .containsExactly("\\b\\d+ (?:held|pending) mail\\b", "\\bheld mail\\b", "\\bpending mail\\b");
        assertThat(PhraseSet.distribute("(?:x|y)+z")).containsExactly("(?:x|y)+z");
    }

    @Test
    void everyPhraseOfTheDetectorsIsIndexed() {
        // An alternative that could start anywhere would be tried at every position: keep it at zero.
        assertThat(PhraseSet.single("\\b(?:verify (?:your )?account)\\b|.{2}x").unindexedAlternatives()).isEqualTo(1);
        assertThatThrownBy(() -> PhraseSet.single("a|(?:b)?")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agreesWithThePlainRegexOnRandomText() {
        String regex = "\\b(?:verify (?:your |the )?(?:account|identity)|reset your password|(?:\\d+ )?(?:pending|held) messages)\\b"
                + "|本人確認|パスワード(?:の)?(?:再設定|更新)";
        PhraseSet<String> s = PhraseSet.single(regex);
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        java.util.Random r = new java.util.Random(7);
        String[] words = {"verify", "your", "the", "account", "identity", "reset", "password", "3", "12", "pending", "held", "messages",
            "本人確認", "パスワードの更新", "re", "averify", "x", "\n", "  "};
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 8; j++) {
                sb.append(words[r.nextInt(words.length)]).append(r.nextBoolean() ? " " : "");
            }
            String t = sb.toString();
            java.util.regex.Matcher m = p.matcher(t);
            assertThat(s.find(t) != null).as(t).isEqualTo(m.find());
        }
    }
}
