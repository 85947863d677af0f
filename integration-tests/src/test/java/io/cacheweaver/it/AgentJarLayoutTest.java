package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The agent jar exposes nothing but the bootstrap bridge: every library hides under inst/. */
class AgentJarLayoutTest {

    @Test
    void onlyTheBootstrapClassesAreVisibleClasses() throws Exception {
        List<String> visibleClasses = new ArrayList<>();
        int hidden = 0;
        try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class")) {
                    visibleClasses.add(name);
                }
                if (name.startsWith("inst/") && name.endsWith(".classdata")) {
                    hidden++;
                }
            }
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("io.cacheweaver.CacheweaverAgent", manifest.getValue("Premain-Class"));
            assertEquals("io.cacheweaver.CacheweaverAgent", manifest.getValue("Agent-Class"));
            assertEquals("io.cacheweaver.CacheweaverAgent", manifest.getValue("Main-Class"));
            assertEquals("true", manifest.getValue("Can-Retransform-Classes"));
            assertTrue(jar.getEntry("inst/net/bytebuddy/ByteBuddy.classdata") != null, "Byte Buddy hidden under inst/");
            assertTrue(jar.getEntry("inst/com/github/benmanes/caffeine/cache/Caffeine.classdata") != null);
            assertTrue(jar.getEntry("inst/io/cacheweaver/agent/AgentMain.classdata") != null);
            assertTrue(jar.getEntry("inst/org/HdrHistogram/ConcurrentHistogram.classdata") != null, "HdrHistogram hidden under inst/");
            // the codec's Jackson modules (java.time, Optional) are isolated like the rest of Jackson
            assertTrue(jar.getEntry("inst/com/fasterxml/jackson/datatype/jsr310/JavaTimeModule.classdata") != null);
            assertTrue(jar.getEntry("inst/com/fasterxml/jackson/datatype/jdk8/Jdk8Module.classdata") != null);
            assertTrue(jar.getEntry("inst/io/cacheweaver/bootstrap/CacheBridge.classdata") == null,
                    "the bridge must exist once, on the bootstrap path only");
        }
        for (String name : visibleClasses) {
            assertTrue(name.startsWith("io/cacheweaver/bootstrap/") || name.equals("io/cacheweaver/CacheweaverAgent.class"),
                    "visible class outside the bootstrap package: " + name);
        }
        assertTrue(hidden > 1000, "libraries are inside: " + hidden);
    }
}
