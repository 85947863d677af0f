package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.WriteBehindScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * action: write-behind on an unmodified DAO, in a forked JVM with the real agent jar. The DAO's
 * "database" is a journal file, read here after the child JVM ended: what it holds is what
 * reached the source, and on which thread.
 */
class WriteBehindTest {
    @TempDir
    Path dir;

    private Path journal() {
        return dir.resolve("stock.journal");
    }

    private Path rules(String writeBehind) {
        return RulesFiles.write(dir, """
                version: 1
                caches:
                  stock: { ttl: 10m }
                rules:
                  - id: stock-write
                    method: fixture.app.StockDao#updateStock(String, int)
                    cache: stock
                    action: write-behind
                    key: "{sku}"
                    value: "{qty}"
                    writeBehind: %s
                  - id: stock-read
                    method: fixture.app.StockDao#stock(String)
                    cache: stock
                    key: "{sku}"
                """.formatted(writeBehind));
    }

    private ForkedJvm.Result run(String writeBehind, String scenario) {
        return ForkedJvm.run("rules=" + rules(writeBehind), List.of("-Dcacheweaver.jmx.delay=10ms"), WriteBehindScenarios.class,
                scenario, journal().toString());
    }

    /** The journal as sku → last quantity written, and the names of the threads that wrote (digits as N). */
    private Map<String, String> lastValues() throws IOException {
        Map<String, String> last = new LinkedHashMap<>();
        for (String line : Files.readAllLines(journal())) {
            last.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1, line.indexOf('@')));
        }
        return last;
    }

    private List<String> writerThreads() throws IOException {
        return Files.readAllLines(journal()).stream().map(l -> l.substring(l.indexOf('@') + 1).replaceAll("[0-9]+$", "N"))
                .distinct().toList();
    }

    @Test
    void aThousandUpdatesOfTenKeysReturnAtOnceAndOnlyTheLastOfEachReachesTheSource() throws IOException {
        ForkedJvm.Result result = run("{ delay: 500ms }", "burst").assertSuccess();
        // against a 20 ms database, 1,000 synchronous updates would take 20 s
        assertTrue(result.longValue("totalMillis") < 3_000, "the callers did not wait for the database: " + result.output());
        int bodies = result.intValue("calls.updateStock");
        assertTrue(bodies >= 10 && bodies <= 20, "about one body per key, not 1,000: " + bodies);
        Map<String, String> last = lastValues();
        assertEquals(10, last.size(), last.toString());
        for (int k = 0; k < 10; k++) {
            assertEquals(String.valueOf(990 + k), last.get("sku-" + k), "the last update of each key reached the source");
        }
        assertEquals("993", result.value("read"), "a read right after the burst sees the newest value");
        assertEquals(0, result.intValue("calls.stock"), "without reading the source");
        assertEquals(List.of("cacheweaver-write-behind-N"), writerThreads(), "bodies ran on agent threads only");
        assertEquals(bodies, result.intValue("rule.WriteBehindWritten"));
        assertEquals(1000 - bodies, result.intValue("rule.WriteBehindCoalesced"));
        assertEquals(0, result.intValue("rule.WriteBehindPending"));
        assertEquals(bodies, result.intValue("cache.WriteBehindWritten"));
        assertTrue(result.value("flush").contains("0 still pending"), result.value("flush"));
    }

    @Test
    void systemExitWritesWhatIsPending() throws IOException {
        ForkedJvm.Result result = run("{ delay: 1h }", "exit").assertSuccess();
        assertEquals(0, result.intValue("calls.updateStock"), "nothing was written before the exit");
        assertEquals(Map.of("sku-1", "2", "sku-2", "5", "sku-3", "7"), lastValues());
        assertEquals(3, Files.readAllLines(journal()).size(), "sku-1's two updates were coalesced");
        assertTrue(result.output().contains("write-behind: the JVM is exiting; flushing 3 pending write(s)"), result.output());
        assertTrue(result.output().contains("3 written, 0 given up, 0 not written (lost)"), result.output());
    }

    @Test
    void theEndOfMainWritesWhatIsPending() throws IOException {
        run("{ delay: 1h }", "endOfMain").assertSuccess();
        assertEquals(Map.of("sku-1", "2", "sku-2", "5", "sku-3", "7"), lastValues());
    }

    @Test
    void sigtermWritesWhatIsPending() throws Exception {
        try (LiveJvm jvm = LiveJvm.start("rules=" + rules("{ delay: 1h }"), WriteBehindScenarios.class, "sigterm",
                journal().toString())) {
            assertFalse(Files.exists(journal()), "nothing written yet");
            ProcessHandle child = ProcessHandle.of(jvm.pid()).orElseThrow();
            assertTrue(child.destroy(), "SIGTERM sent");
            child.onExit().get(30, TimeUnit.SECONDS);
            assertEquals(Map.of("sku-1", "2", "sku-2", "5", "sku-3", "7"), lastValues(), jvm.output());
        }
    }

    @Test
    void aSourceThatFailsTwiceIsRetriedUntilItAccepts() throws IOException {
        ForkedJvm.Result result = run("{ delay: 50ms, retries: 3 }", "retry").assertSuccess();
        assertEquals(3, result.intValue("calls.updateStock"), "two failures, then the write");
        assertEquals(Map.of("sku-1", "11"), lastValues());
        assertEquals(1, result.intValue("rule.WriteBehindWritten"));
        assertEquals(0, result.intValue("rule.WriteBehindFailures"));
    }

    @Test
    void aSourceThatAlwaysFailsIsGivenUpCountedLoggedWithoutTheValueAndItsKeyEvicted() {
        ForkedJvm.Result result = run("{ delay: 50ms, retries: 1 }", "giveUp").assertSuccess();
        assertEquals(424242, result.intValue("pendingRead"), "while pending, readers see the write");
        assertEquals(2, result.intValue("calls.updateStock"), "1 + retries runs");
        assertEquals(-1, result.intValue("readAfter"), "the key was evicted: the reader went to the source");
        assertEquals(1, result.intValue("calls.stock"));
        assertEquals(1, result.intValue("rule.WriteBehindFailures"));
        assertEquals(1, result.intValue("cache.WriteBehindFailures"));
        assertTrue(result.output().contains("[cacheweaver] WARN rule stock-write: write-behind gave up on key sku-1 after 2"
                + " attempt(s), last failure java.lang.IllegalStateException; the key was evicted"), result.output());
        assertTrue(result.agentLines().stream().noneMatch(line -> line.contains("424242")), "the value is never logged");
    }

    @Test
    void withMaxQueueFiveTheSixthConcurrentCallRunsItsBodyOnTheCallersThread() throws IOException {
        ForkedJvm.Result result = run("{ delay: 1h, maxQueue: 5 }", "backPressure").assertSuccess();
        assertEquals(1, result.intValue("slowCallers"), "five calls were queued, one waited for the database");
        assertEquals("sku-N=N@caller-N", result.value("writtenBeforeFlush"), "the sixth ran its body itself");
        assertEquals(1, result.intValue("rule.WriteBehindOverflows"));
        assertEquals(6, result.intValue("calls.updateStock"), "nothing was dropped");
        assertEquals(6, lastValues().size());
    }

    @Test
    void readsSeeAPendingWriteAlsoAfterTheLocalEntryWasDropped() {
        ForkedJvm.Result result = run("{ delay: 1h }", "reads").assertSuccess();
        assertEquals(5, result.intValue("read"));
        assertEquals(5, result.intValue("readAfterInvalidate"), "read-your-writes: the pending value answers");
        assertEquals(5, result.intValue("readAfterFlush"), "once written, the source has it");
        assertEquals(1, result.intValue("calls.stock"), "only the read after the flush reached the source");
        assertEquals(1, result.intValue("calls.updateStock"));
    }

    /** The usual rules plus a write-behind rule on a method with a result, at line 16. */
    private Path rulesWithAWriteBehindOnAMethodWithAResult() throws IOException {
        Path rules = rules("{ delay: 1h }");
        Files.writeString(rules, Files.readString(rules) + """
                  - id: stock-wrong
                    method: fixture.app.StockDao#stock(String)
                    cache: stock
                    action: write-behind
                """);
        return rules;
    }

    @Test
    void onAMethodWithAResultTheRuleIsRejectedWhenWovenAndTheOtherRulesStillApply() throws IOException {
        Path rules = rulesWithAWriteBehindOnAMethodWithAResult();
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules, List.of(), WriteBehindScenarios.class, "exit",
                journal().toString()).assertSuccess();
        assertTrue(result.output().contains("[cacheweaver] ERROR rule stock-wrong (" + rules + ":16:5): cannot apply to"
                + " fixture.app.StockDao#stock(java.lang.String): action write-behind needs a void method (the caller gets no"
                + " result); fixture.app.StockDao#stock(java.lang.String) returns int; the method runs uncached"), result.output());
        assertEquals(Map.of("sku-1", "2", "sku-2", "5", "sku-3", "7"), lastValues(), "the write-behind rule still applies");
    }

    @Test
    void validateWithAClassPathRejectsWriteBehindOnAMethodWithAResult() throws IOException {
        Path rules = rulesWithAWriteBehindOnAMethodWithAResult();
        ForkedJvm.Result result = ForkedJvm.exec(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ForkedJvm.agentJar().toString(), "validate", rules.toString(), "--classpath",
                Path.of("target", "test-classes").toString()));
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("ERROR rule stock-wrong (" + rules + ":16:5): cannot apply to"
                + " fixture.app.StockDao#stock(java.lang.String): action write-behind needs a void method"), result.output());
        assertTrue(result.output().contains("rule stock-write: 1 method(s)"), result.output());
    }
}
