package org.tegami.dkim;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.tegami.dns.InMemoryResolver;

/** Contract: the DKIM parsers and the verifier give a result for any input, never an exception. */
class DkimParsersFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void signatureTagList(byte[] data) {
        String value = new String(data, StandardCharsets.UTF_8);
        DkimSignature.Parsed p = DkimSignature.parse(value);
        if (p == null) {
            throw new AssertionError("null");
        }
        if (p instanceof DkimSignature.Invalid inv && (inv.reason() == null || inv.status() == null)) {
            throw new AssertionError("incomplete error");
        }
        byte[] msg = ("DKIM-Signature: " + value + "\r\nFrom: a@example.com\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        InMemoryResolver dns = new InMemoryResolver().addTxt("s._domainkey.example.com", "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        for (DkimResult r : new DkimVerifier(dns, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).verify(msg)) {
            if (r.status() == null || r.reason() == null) {
                throw new AssertionError("incomplete result " + r);
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void keyRecord(byte[] data) {
        DkimKeyRecord.Parsed p = DkimKeyRecord.parse(new String(data, StandardCharsets.UTF_8));
        if (p == null || (p instanceof DkimKeyRecord.Invalid inv && inv.reason() == null)) {
            throw new AssertionError("bad parse result");
        }
    }
}
