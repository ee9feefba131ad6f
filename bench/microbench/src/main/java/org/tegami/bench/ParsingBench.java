package org.tegami.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tegami.imap.CommandParser;
import org.tegami.imap.FetchResponseWriter;
import org.tegami.imap.ImapWriter;
import org.tegami.imap.ReadResult;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.smtp.SmtpCommand;
import org.tegami.smtp.SmtpCommandParser;

/** Hot paths of the protocol front ends: command parsing, MIME structure, FETCH rendering. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ParsingBench {

    private byte[] small;
    private byte[] large;
    private ParsedMessage parsedSmall;
    private final CommandParser imapParser = new CommandParser();
    private final byte[] imapFetch =
            "a12 UID FETCH 1:* (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO CC SUBJECT DATE MESSAGE-ID)])\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
    private final byte[] imapSearch =
            "a13 UID SEARCH CHARSET UTF-8 OR (FROM \"alice\" SUBJECT \"figures\") (SINCE 1-Jan-2026 NOT SEEN)\r\n"
                    .getBytes(StandardCharsets.US_ASCII);

    @Setup
    public void setUp() {
        small = Messages.multipart(5_000);
        large = Messages.multipart(100_000);
        parsedSmall = MimeParser.parse(small);
    }

    @Benchmark
    public SmtpCommand smtpMailFrom() throws Exception {
        return SmtpCommandParser.parse("MAIL FROM:<alice.liddell@example.test> SIZE=5123 BODY=8BITMIME");
    }

    @Benchmark
    public SmtpCommand smtpRcptTo() throws Exception {
        return SmtpCommandParser.parse("RCPT TO:<bob+lists@example.test> NOTIFY=FAILURE ORCPT=rfc822;bob@example.test");
    }

    @Benchmark
    public ReadResult imapUidFetch() {
        return imapParser.parse(imapFetch);
    }

    @Benchmark
    public ReadResult imapUidSearch() {
        return imapParser.parse(imapSearch);
    }

    @Benchmark
    public ParsedMessage mimeStructure5k() {
        return MimeParser.parse(small);
    }

    @Benchmark
    public ParsedMessage mimeStructure100k() {
        return MimeParser.parse(large);
    }

    @Benchmark
    public int fetchEnvelopeAndBodystructure() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        ImapWriter w = new ImapWriter(out);
        new FetchResponseWriter(w).begin(42).uid(4242).rfc822Size(small.length)
                .envelope(parsedSmall.envelope()).bodyStructure(parsedSmall.root(), true).end();
        w.flush();
        return out.size();
    }

    @Benchmark
    public int fetchBodyPeek() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        ImapWriter w = new ImapWriter(out);
        FetchResponseWriter f = new FetchResponseWriter(w).begin(42).uid(4242);
        f.rfc822(org.tegami.imap.FetchItem.Simple.RFC822, ByteBuffer.wrap(small), parsedSmall.root());
        f.end();
        w.flush();
        return out.size();
    }
}
