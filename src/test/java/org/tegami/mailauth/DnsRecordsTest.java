package org.tegami.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.store.DkimKeyStore;

class DnsRecordsTest {

    @Test
    void aHostNameOutsideTheDomainGetsNoSpfLineHere() {
        DkimKeyStore.Key k = new DkimKeyStore.Key(1, "example.org", "s1", "ed25519-sha256", new byte[0],
                "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", DkimKeyStore.State.ACTIVE, 0, 0);
        assertThat(DnsRecords.lines("example.org", "mail.hoster.test", List.of(k), "reject", "dmarc")).containsExactly(
                "example.org. 3600 IN MX 10 mail.hoster.test.",
                "example.org. 3600 IN TXT \"v=spf1 mx -all\"",
                "s1._domainkey.example.org. 3600 IN TXT \"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"",
                "_dmarc.example.org. 3600 IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@example.org\"");
        // a host named like the domain itself: one SPF record, not two
        assertThat(DnsRecords.lines("example.org", "example.org", List.of(), "none", "d"))
                .filteredOn(l -> l.contains("v=spf1")).hasSize(1);
    }
}
