package org.tegami.dkim;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** DKIM canonicalisation (RFC 6376 §3.4) of a body and of a header field, relaxed and simple. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CanonicalizationBench {

    @Param({"5000", "100000"})
    int size;

    @Param({"true", "false"})
    boolean relaxed;

    private byte[] body;
    private final byte[] header = "Subject:   The  quarterly\r\n\tfigures   for Q3 \r\n".getBytes(StandardCharsets.US_ASCII);

    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < size) {
            sb.append("Please  find the  quarterly figures attached;\t let me know if anything is unclear.  \r\n");
        }
        sb.append("\r\n\r\n");
        body = sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public byte[] body() {
        return Canonicalizer.body(body, relaxed);
    }

    @Benchmark
    public byte[] header() {
        return Canonicalizer.header(header, relaxed);
    }
}
