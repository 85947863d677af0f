package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What of Byte Buddy a start loads. With rules the lean weaver covers, none of its weaving
 * machinery: the lean weaver uses only Byte Buddy's copy of ASM. When Byte Buddy weaves
 * ({@code leanWeaver=false} here), the agent jar's Byte Buddy is patched at build time
 * (agent/pom.xml, ModuleSupportPatch): its transformer classes are precompiled, so starting the
 * agent generates no class with Byte Buddy and never loads the ≈ 250 classes of that pipeline
 * (docs/performance.md, Finding 1).
 */
class ByteBuddyStartupTest {
    private static final String RULES = """
            version: 1
            caches:
              items: { ttl: 10m }
            rules:
              - id: describe
                method: fixture.app.Catalog#describe(long)
                cache: items
            """;

    @TempDir
    Path dir;

    private List<String> byteBuddyClassesLoaded(String agentArguments, int expectedCalls) throws Exception {
        Path rules = RulesFiles.write(dir, RULES);
        Path log = dir.resolve("class-load.log");
        ForkedJvm.Result result = ForkedJvm.run("rules=" + rules + agentArguments, List.of("-Xlog:class+load:file=" + log),
                Scenarios.class, "repeat").assertSuccess();
        assertEquals(expectedCalls, result.intValue("calls.describe"), "woven: the second call was a hit");
        return Files.readAllLines(log).stream()
                .map(line -> line.replaceFirst("^.*\\[class,load\\] ", "").replaceFirst(" .*$", ""))
                .filter(name -> name.startsWith("net.bytebuddy."))
                .collect(Collectors.toList());
    }

    @Test
    void theLeanWeaverWeavesWithByteBuddysAsmAloneAndNoneOfItsWeavingMachinery() throws Exception {
        List<String> loaded = byteBuddyClassesLoaded("", 2);
        String summary = loaded.size() + " Byte Buddy classes loaded: " + loaded;
        assertTrue(loaded.contains("net.bytebuddy.jar.asm.ClassReader"), summary);
        assertFalse(loaded.contains("net.bytebuddy.asm.Advice"), summary);
        assertFalse(loaded.contains("net.bytebuddy.agent.builder.AgentBuilder$Default"), summary);
        assertFalse(loaded.contains("net.bytebuddy.agent.builder.PrecompiledExecutingTransformer"), summary);
        assertTrue(loaded.size() < 100, summary); // ≈ 45: the ASM classes and interfaces the verifier loads
    }

    @Test
    void byteBuddyStartsWithThePrecompiledTransformersAndGeneratesNone() throws Exception {
        List<String> loaded = byteBuddyClassesLoaded(",leanWeaver=false", 2);
        String summary = loaded.size() + " Byte Buddy classes loaded";
        assertTrue(loaded.contains("net.bytebuddy.agent.builder.PrecompiledExecutingTransformer"), summary);
        assertTrue(loaded.contains("net.bytebuddy.agent.builder.PrecompiledSubstitutable"), summary);
        assertFalse(loaded.stream().anyMatch(name -> name.endsWith("$ByteBuddy$ModuleSupport")),
                "no transformer class generated at startup; " + summary);
        // only the generation needed these: Byte Buddy's subclass pipeline and its class loader
        assertFalse(loaded.contains("net.bytebuddy.implementation.MethodCall"), summary);
        assertFalse(loaded.contains("net.bytebuddy.dynamic.loading.ByteArrayClassLoader"), summary);
    }
}
