package io.cacheweaver.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.it.ForkedJvm;
import io.cacheweaver.it.RulesFiles;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's OutageLook: a database outage past the page's ttl fails plainly, and is answered stale with the agent. */
class OutageDemoTest {
    @TempDir
    Path dir;

    private static ForkedJvm.Result outageLook(String agentArgs) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (agentArgs != null) {
            command.add("-javaagent:" + ForkedJvm.agentJar() + "=" + agentArgs);
        }
        command.addAll(List.of("-cp", DemoServer.demoJar().toString(), "com.legacyshop.OutageLook",
                "--db-latency-ms", "0", "--ttl-ms", "300"));
        return ForkedJvm.exec(command).assertSuccess();
    }

    @Test
    void plainTheOutageFailsThePageWithTheAgentTheLastPageAnswers() {
        String plain = outageLook(null).output();
        assertTrue(plain.matches("(?s).*database down: read past the ttl .*FAILED: findByCategory\\(books\\) failed.*"), plain);

        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  categories: { ttl: 300ms, staleIfError: 10m }
                rules:
                  - id: products-by-category
                    method: com.legacyshop.ProductDao#findByCategory(String)
                    cache: categories
                    key: "{category}"
                """);
        ForkedJvm.Result cached = outageLook("rules=" + rules + ",jmx.delay=1ms");
        String out = cached.output();
        assertTrue(out.matches("(?s).*database down: read past the ttl .*100 products \\(no database round trip\\).*"), out);
        assertTrue(out.matches("(?s).*database back: read .*100 products \\(1 database round trip\\).*"), out);
        assertEquals("2 (JMX io.cacheweaver:type=Rule,name=products-by-category)", cached.value("  agent: StaleServed"));
    }
}
