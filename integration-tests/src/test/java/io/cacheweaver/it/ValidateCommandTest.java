package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar cacheweaver-agent.jar validate ...}: exit codes and what it prints. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    private static ForkedJvm.Result validate(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ForkedJvm.agentJar().toString(), "validate"));
        command.addAll(List.of(args));
        return ForkedJvm.exec(command);
    }

    @Test
    void aValidFileExitsZero() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                """);
        ForkedJvm.Result result = validate(rules.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(rules + ": valid (1 rules, 1 caches)"), result.output());
    }

    @Test
    void httpRulesAreListedWithWhatTheyAdd() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                http:
                  - id: product-page
                    path: /products/*
                    cacheControl: "public, max-age=60"
                    vary: [Accept]
                    etag: true
                    tags: ["product:{path[1]}"]
                """);
        ForkedJvm.Result result = validate(rules.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(rules + ": valid (1 rules, 1 caches, 1 http rules)"), result.output());
        assertTrue(result.output().contains("http rule product-page: GET,HEAD /products/* -> Cache-Control: public, max-age=60;"
                + " Vary: Accept; ETag; 1 tag template(s)"), result.output());
    }

    @Test
    void anInvalidFileExitsOneWithEveryProblem() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: { ttl: soon }
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: itemz
                """);
        ForkedJvm.Result result = validate(rules.toString());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains(rules + ":3:17: caches.items.ttl: invalid duration \"soon\""), result.output());
        assertTrue(result.output().contains(rules + ":7:12: rules[0].cache: undeclared cache \"itemz\"; declared: items"),
                result.output());
        assertTrue(result.output().contains(": 2 problem(s)"), result.output());
    }

    @Test
    void withAClassPathItListsMatchesWarnsAboutRulesMatchingNothingAndChecksExpressions() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: repos
                    method: fixture.app.Repository+#load
                    cache: items
                    key: "{id}"
                  - id: ghost
                    method: fixture.app.Nowhere#find
                    cache: items
                  - id: typo
                    method: fixture.app.Catalog#search(String, int)
                    cache: items
                    key: "{txt}:{page}"
                  - id: property-typo
                    method: fixture.app.Catalog#byCustomer
                    cache: items
                    key: "c:{customer.idd}"
                """);
        ForkedJvm.Result result = validate(rules.toString(), "--classpath", Paths.get("target", "test-classes").toString());
        String out = result.output();
        assertEquals(1, result.exitCode(), out);
        assertTrue(out.contains("rule repos: 2 method(s)"), out);
        assertTrue(out.contains("  fixture.app.OrderRepository#load(long)"), out);
        assertTrue(out.contains("  fixture.app.UserRepository#load(long)"), out);
        assertTrue(out.contains("WARN rule ghost (" + rules + ":9:5): fixture.app.Nowhere#find matches no method on the class path"),
                out);
        // errors about an expression point at its key (line 15, 19), not at the rule's first line
        assertTrue(out.contains("ERROR rule typo (" + rules + ":15:5): cannot apply to fixture.app.Catalog#search(java.lang.String, int):"
                + " \"txt\": no parameter named \"txt\"; available: text or 0, page or 1"), out);
        assertTrue(out.contains("ERROR rule property-typo (" + rules + ":19:5): cannot apply to"
                + " fixture.app.Catalog#byCustomer(fixture.app.Customer): \"customer.idd\": no property \"idd\";"
                + " available: id, name, tier, vip of fixture.app.Customer"), out);
        // the methods exist: only the errors are reported, not "matches no method" as well
        assertFalse(out.contains("WARN rule typo"), out);
        assertFalse(out.contains("WARN rule property-typo"), out);
        assertTrue(out.contains("2 error(s), 1 warning(s)"), out);
    }

    @Test
    void aMissingClassPathEntryIsAnErrorNamingIt() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                """);
        Path missing = dir.resolve("no-such-classes");
        ForkedJvm.Result result = validate(rules.toString(), "--classpath",
                Paths.get("target", "test-classes") + java.io.File.pathSeparator + missing
                        + java.io.File.pathSeparator + dir.resolve("no-lib") + "/*");
        String out = result.output();
        assertEquals(2, result.exitCode(), out);
        assertTrue(out.contains("ERROR --classpath entry \"" + missing + "\": no such file or directory " + missing), out);
        assertTrue(out.contains("ERROR --classpath entry \"" + dir.resolve("no-lib") + "/*\": no such directory "), out);
        assertFalse(out.contains("matches no method"), out);
    }

    @Test
    void withoutAClassPathItSaysThatParameterNamesAreNotChecked() {
        Path byName = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                    key: "{id}"
                """);
        ForkedJvm.Result result = validate(byName.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("note: parameter names (\"id\" in rule describe) can only be checked with --classpath,"
                + " against the compiled classes"), result.output());

        Path byPosition = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                    key: "{0}"
                """);
        ForkedJvm.Result positions = validate(byPosition.toString());
        assertEquals(0, positions.exitCode(), positions.output());
        assertFalse(positions.output().contains("note:"), positions.output());
    }

    @Test
    void aPositionBeyondTheSelectorIsAnErrorWithoutAClassPath() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: describe
                    method: fixture.app.Catalog#describe(long)
                    cache: items
                    key: "{1.id}"
                """);
        ForkedJvm.Result result = validate(rules.toString());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains(rules + ":8:12: rules[0].key: invalid template \"{1.id}\" at offset 1:"
                + " no parameter at position 1; the method selector declares 1 parameter (long), positions: 0"), result.output());
    }

    @Test
    void methodsInPackagesTheAgentNeverWeavesAreReportedNotListed() {
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: own
                    method: io.cacheweaver.it.RulesFiles#write
                    cache: items
                """);
        ForkedJvm.Result result = validate(rules.toString(), "--classpath", Paths.get("target", "test-classes").toString());
        String out = result.output();
        assertEquals(0, result.exitCode(), out);
        assertFalse(out.contains("rule own: 1 method(s)"), out);
        assertFalse(out.contains("matches no method"), out);
        assertTrue(out.contains("WARN rule own (" + rules + ":5:5): the agent never weaves classes in java., javax., jdk., sun.,"
                + " com.sun., net.bytebuddy., io.cacheweaver.; 1 matched method(s) stay uncached:"
                + " io.cacheweaver.it.RulesFiles#write(java.nio.file.Path, java.lang.String)"), out);
    }

    @Test
    void aNameOnAClassWithoutParameterNamesAsksForPositions() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src/legacy"));
        Files.writeString(sources.resolve("Dao.java"), """
                package legacy;
                public class Dao {
                    public String findById(long id) { return "p" + id; }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-g:none", "-d", classes.toString(),
                sources.resolve("Dao.java").toString()), "javac -g:none");
        Path rules = RulesFiles.write(dir, """
                version: 1
                caches:
                  items: {}
                rules:
                  - id: by-name
                    method: legacy.Dao#findById(long)
                    cache: items
                    key: "{id}"
                """);
        ForkedJvm.Result result = validate(rules.toString(), "--classpath", classes.toString());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("ERROR rule by-name (" + rules + ":8:5): cannot apply to legacy.Dao#findById(long):"
                + " \"id\": no parameter named \"id\"; the class has no parameter names (compile with -parameters or -g),"
                + " use positions: 0"), result.output());
    }
}
