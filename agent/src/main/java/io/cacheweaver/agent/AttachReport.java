package io.cacheweaver.agent;

import io.cacheweaver.runtime.AgentLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What an attach did, for the attach command to print: the target's stderr is not the command's.
 * The command names a file (agent argument {@code report=FILE}); the target writes {@code ok} or
 * {@code failed} on the first line, then one line per problem or outcome, and moves it into place
 * atomically so that the command never reads half of it.
 */
final class AttachReport {
    static final String OK = "ok";
    static final String FAILED = "failed";

    private final Path file; // null: not started by the attach command
    private final List<String> lines = new ArrayList<>();

    AttachReport(String file) {
        this.file = file == null ? null : Path.of(file);
    }

    void add(String line) {
        lines.add(line);
    }

    void addAll(List<String> more) {
        lines.addAll(more);
    }

    /** Writes the outcome; a file that cannot be written costs the command its details, never the target anything. */
    void finish(boolean ok) {
        if (file == null) {
            return;
        }
        List<String> content = new ArrayList<>();
        content.add(ok ? OK : FAILED);
        content.addAll(lines);
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            AgentLog.warn("could not write the attach outcome to " + file + ": " + AgentLog.describe(e));
        }
    }
}
