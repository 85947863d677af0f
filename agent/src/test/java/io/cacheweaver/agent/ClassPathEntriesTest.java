package io.cacheweaver.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathEntriesTest {
    @TempDir
    Path dir;

    @Test
    void readsDirectoriesJarsAndDirectoryWildcardsInOrder() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path b = Files.createFile(lib.resolve("b.jar"));
        Path a = Files.createFile(lib.resolve("a.jar"));
        Files.createFile(lib.resolve("notes.txt"));
        ClassPathEntries entries = ClassPathEntries.parse(classes + File.pathSeparator + lib + File.separator + "*"
                + File.pathSeparator);
        assertEquals(List.of(), entries.problems());
        assertEquals(List.of(classes, a, b), entries.entries());
    }

    @Test
    void everyEntryThatNamesNothingIsAProblem() throws Exception {
        Path missing = dir.resolve("app.jar");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String wildcardOfMissing = dir.resolve("nolib") + File.separator + "*";
        String wildcardOfEmpty = empty + File.separator + "*";
        ClassPathEntries entries = ClassPathEntries.parse(String.join(File.pathSeparator, missing.toString(),
                wildcardOfMissing, wildcardOfEmpty));
        assertEquals(List.of(
                "--classpath entry \"" + missing + "\": no such file or directory " + missing.toAbsolutePath(),
                "--classpath entry \"" + wildcardOfMissing + "\": no such directory " + dir.resolve("nolib").toAbsolutePath(),
                "--classpath entry \"" + wildcardOfEmpty + "\": no .jar file in " + empty.toAbsolutePath()),
                entries.problems());
        assertEquals(List.of(), entries.entries());
    }
}
