package io.cacheweaver.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return new CommandLine(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    @Test
    void aPidWithoutAProcessIsSaidSoInPlainWords() throws Exception {
        long pid = 999_999;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        Path rules = Files.writeString(dir.resolve("r.yaml"), "version: 1\n");
        assertEquals(1, run("attach", String.valueOf(pid), "--rules", rules.toString()));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals("no Java process with pid " + pid + " (jps lists the Java processes you can attach to)\n", stderr);
        assertFalse(stderr.contains("AttachmentProvider"), stderr);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("attach"));
        assertEquals(2, run("attach", "12", "--rulez", "x"));
    }

    @Test
    void theTargetsReportIsReadBackAsWritten() {
        Path file = dir.resolve("report.txt");
        AttachReport report = new AttachReport(file.toString());
        report.add("r.yaml:3:17: caches.items.ttl: must be greater than zero, got \"0s\"");
        report.add("reload (attach) rejected");
        report.finish(false);
        assertEquals(List.of(AttachReport.FAILED, "r.yaml:3:17: caches.items.ttl: must be greater than zero, got \"0s\"",
                "reload (attach) rejected"), AttachCommand.readReport(file));
        assertFalse(Files.exists(file), "the command removes the report once read");
    }

    @Test
    void withoutAReportFileNothingIsWritten() throws Exception {
        new AttachReport(null).finish(true);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
