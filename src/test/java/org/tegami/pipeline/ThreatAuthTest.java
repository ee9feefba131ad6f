package org.tegami.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tegami.threat.AuthSummary;

/** Only authentication results this server added to this message count for the threat check. */
class ThreatAuthTest {

    private static InboundMessage message(String content) {
        SessionInfo s = new SessionInfo("c1", Role.MX, InetAddress.getLoopbackAddress(), "client.test", true, null, null,
                "mx.northwind.test");
        return new InboundMessage("m1", s, null, Map.of(), List.of(), content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ourPrependedResultsAreUsed() {
        InboundMessage m = message("From: <a@partner.test>\r\n\r\nhi\r\n");
        m.prependHeader("Authentication-Results",
                "mx.northwind.test;\r\n\tspf=pass smtp.mailfrom=partner.test;\r\n\tdkim=pass header.d=partner.test;\r\n\tdmarc=pass header.from=partner.test");
        AuthSummary a = ThreatAuth.summary(m);
        assertThat(a.dmarc()).isEqualTo(AuthSummary.Result.PASS);
        assertThat(a.authenticates("partner.test")).isTrue();
    }

    @Test
    void resultsInTheReceivedContentOrFromOtherServersAreIgnored() {
        InboundMessage m = message("Authentication-Results: mx.northwind.test; dmarc=pass header.from=northwind.test\r\n"
                + "From: <ceo@northwind.test>\r\n\r\nhi\r\n");
        assertThat(ThreatAuth.summary(m).isUnknown()).isTrue();
        m.prependHeader("Authentication-Results", "relay.elsewhere.test; dmarc=pass header.from=northwind.test");
        assertThat(ThreatAuth.summary(m).isUnknown()).isTrue();
        m.prependHeader("Received", "from x by y");
        m.prependHeader("Authentication-Results", "MX.Northwind.Test; dmarc=fail header.from=northwind.test");
        assertThat(ThreatAuth.summary(m).dmarc()).isEqualTo(AuthSummary.Result.FAIL);
    }
}
