package io.cacheweaver.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader of the agent's hidden classes: it defines classes from {@code inst/**.classdata}
 * only, asks its parent first, and maps class-file resource names to the hidden entries (Byte
 * Buddy reads advice that way).
 */
class IsolatedClassLoaderTest {
    private static final String SAMPLE = HiddenSample.class.getName();
    private static final String SAMPLE_PATH = SAMPLE.replace('.', '/');

    @TempDir
    Path dir;

    private byte[] sampleBytes;
    private IsolatedClassLoader loader;

    @BeforeEach
    void buildJar() throws IOException {
        try (InputStream in = HiddenSample.class.getResourceAsStream("/" + SAMPLE_PATH + ".class")) {
            sampleBytes = in.readAllBytes();
        }
        Path jar = dir.resolve("agent.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "inst/" + SAMPLE_PATH + ".classdata", sampleBytes);
            put(out, "inst/hidden/Plain.class", sampleBytes); // a normal class file name: not a class to this loader
            put(out, "inst/java/sql/Date.classdata", "not a class".getBytes(StandardCharsets.UTF_8));
            put(out, "inst/META-INF/notes.txt", "hidden resource".getBytes(StandardCharsets.UTF_8));
            put(out, SAMPLE_PATH + ".class", sampleBytes); // outside the hidden area
        }
        // the platform loader, as in production: the test class path is not visible from here
        loader = new IsolatedClassLoader(jar.toFile(), ClassLoader.getPlatformClassLoader());
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    @Test
    void definesClassesFromHiddenClassdataEntriesInItsOwnPackage() throws Exception {
        Class<?> hidden = loader.loadClass(SAMPLE);
        assertSame(loader, hidden.getClassLoader());
        assertNotSame(HiddenSample.class, hidden, "a copy of its own, not the application's class");
        assertEquals("io.cacheweaver.bootstrap", hidden.getPackage().getName());
        assertEquals("cacheweaver", loader.getName());
        Object instance = hidden.getDeclaredConstructor().newInstance();
        assertEquals("hello from cacheweaver", hidden.getMethod("greet").invoke(instance));
        assertSame(hidden, loader.loadClass(SAMPLE), "defined once");
        assertNotNull(hidden.getProtectionDomain().getCodeSource(), "code source: the agent jar");
        assertTrue(hidden.getProtectionDomain().getCodeSource().getLocation().toString().endsWith("agent.jar"));
    }

    @Test
    void ignoresClassFilesAndAbsentClasses() {
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("hidden.Plain"),
                "a .class entry in the hidden area is not a class to load");
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("hidden.Absent"));
    }

    @Test
    void asksItsParentFirst() throws Exception {
        assertSame(String.class, loader.loadClass("java.lang.String"));
        assertSame(java.sql.Date.class, loader.loadClass("java.sql.Date"),
                "the platform loader's class, never the jar's entry of the same name");
    }

    @Test
    void mapsClassFileResourcesToTheirHiddenEntries() throws Exception {
        URL classFile = loader.getResource(SAMPLE_PATH + ".class");
        assertNotNull(classFile);
        assertTrue(classFile.toString().endsWith("!/inst/" + SAMPLE_PATH + ".classdata"), classFile.toString());
        try (InputStream in = classFile.openStream()) {
            assertArrayEquals(sampleBytes, in.readAllBytes());
        }
        URL other = loader.getResource("META-INF/notes.txt");
        assertNotNull(other);
        try (InputStream in = other.openStream()) {
            assertEquals("hidden resource", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(1, Collections.list(loader.getResources("META-INF/notes.txt")).size());
        assertNull(loader.getResource("META-INF/absent.txt"));
        assertEquals(0, Collections.list(loader.getResources("absent/Nothing.class")).size());
    }
}
