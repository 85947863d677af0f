package io.cacheweaver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Smoke test, part of {@code mvn verify}: the hit benchmarks start and measure something, with
 * the real agent jar attached to the fork (the woven benchmark's setup fails unless the agent
 * really wove {@code bench.app.PriceBook}). One fork, no warm-up, 0.2 s: this is not a
 * measurement. The suite itself runs only from benchmarks/run.sh.
 */
class BenchmarksStartTest {

    @Test
    void hitBenchmarksStartWithTheAgentAttached() throws Exception {
        Path agent = Paths.get(System.getProperty("cacheweaver.agent.jar", "../agent/target/cacheweaver-agent.jar")).toAbsolutePath();
        Path rules = Paths.get(System.getProperty("cacheweaver.bench.rules", "bench-rules.yaml")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(agent), "agent jar not built: " + agent);

        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("^io\\.cacheweaver\\.bench\\.L1HitBenchmark\\.(wovenSingleArg|handWrittenSingleArg|springSingleArg)$")
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .jvmArgsAppend("-javaagent:" + agent + "=rules=" + rules)
                .shouldFailOnError(true)
                .build()).run();

        Set<String> measured = results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toSet());
        assertEquals(3, measured.size(), "measured: " + measured);
        for (RunResult result : results) {
            double score = result.getPrimaryResult().getScore();
            assertTrue(score > 0 && Double.isFinite(score), result.getParams().getBenchmark() + " scored " + score);
        }
    }
}
