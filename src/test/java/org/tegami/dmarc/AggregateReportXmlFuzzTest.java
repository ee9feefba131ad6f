package org.tegami.dmarc;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Contract: any bytes (XML, gzip or junk) give a report or a defined error, never an exception. */
class AggregateReportXmlFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] data) {
        AggregateReportXml.Parsed p = AggregateReportXml.parse(data);
        if (p == null) {
            throw new AssertionError("null");
        }
        if (p instanceof AggregateReportXml.Valid v) {
            v.report().bySource();
            AggregateReportXml.write(v.report());
        }
    }
}
