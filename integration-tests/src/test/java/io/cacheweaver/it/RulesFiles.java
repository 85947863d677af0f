package io.cacheweaver.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Writes rules files for a test into its temporary directory. */
public final class RulesFiles {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private RulesFiles() {
    }

    public static Path write(Path dir, String yaml) {
        try {
            Path file = dir.resolve("rules-" + COUNTER.incrementAndGet() + ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
