package io.cacheweaver.agent;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RuleProblem;
import io.cacheweaver.rules.RulesException;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.MethodShape;
import io.cacheweaver.runtime.expr.CompileException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * {@code validate RULES [--classpath CP]}: checks a rules file without running the application.
 * With a class path it also reads every class on it (without loading any), lists the methods
 * each rule would weave, warns for rules that match nothing, and reports rules whose key or
 * conditions do not fit a matched method — exactly the checks the agent makes when weaving.
 */
final class ValidateCommand {
    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--classpath"))) {
            err.println("usage: java -jar cacheweaver-agent.jar validate RULES_FILE [--classpath CP]");
            return 2;
        }
        Path file = Path.of(args[0]);
        RulesFile rules;
        try {
            rules = RulesLoader.withSystemEnvironment().load(file);
        } catch (RulesException e) {
            for (RuleProblem problem : e.problems()) {
                err.println(problem);
            }
            err.println(file + ": " + e.problems().size() + " problem(s)");
            return 1;
        }
        out.println(file + ": valid (" + rules.rules().size() + " rules, " + rules.caches().size() + " caches)");
        return args.length == 3 ? checkAgainst(rules, args[2]) : 0;
    }

    private int checkAgainst(RulesFile rules, String classpath) {
        List<Path> entries = expand(classpath);
        Map<Rule, List<String>> matches = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<RuleTarget> targets = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            targets.add(new RuleTarget(rule));
            matches.put(rule, new ArrayList<>());
        }
        List<ClassFileLocator> locators = new ArrayList<>();
        try {
            for (Path entry : entries) {
                locators.add(Files.isDirectory(entry) ? new ClassFileLocator.ForFolder(entry.toFile())
                        : ClassFileLocator.ForJarFile.of(entry.toFile()));
            }
            locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader()); // JDK supertypes
            TypePool pool = new TypePool.Default(new TypePool.CacheProvider.Simple(), new ClassFileLocator.Compound(locators),
                    TypePool.Default.ReaderMode.EXTENDED); // EXTENDED: parameter names from debug information
            for (Path entry : entries) {
                for (String className : classNames(entry)) {
                    TypePool.Resolution resolution = pool.describe(className);
                    if (resolution.isResolved()) {
                        match(resolution.resolve(), targets, matches, errors);
                    }
                }
            }
        } catch (IOException e) {
            err.println("cannot read the class path: " + e.getMessage());
            return 1;
        }
        int warnings = 0;
        for (Map.Entry<Rule, List<String>> rule : matches.entrySet()) {
            List<String> methods = rule.getValue();
            if (methods.isEmpty()) {
                err.println("WARN rule " + rule.getKey().id() + " (" + rule.getKey().position() + "): " + rule.getKey().method()
                        + " matches no method on the class path");
                warnings++;
            } else {
                out.println("rule " + rule.getKey().id() + ": " + methods.size() + " method(s)");
                methods.forEach(method -> out.println("  " + method));
            }
        }
        errors.forEach(err::println);
        out.println(entries.size() + " class path entries read; " + errors.size() + " error(s), " + warnings + " warning(s)");
        return errors.isEmpty() ? 0 : 1;
    }

    private static void match(TypeDescription type, List<RuleTarget> targets, Map<Rule, List<String>> matches, List<String> errors) {
        for (RuleTarget target : targets) {
            if (!safeMatchesType(target, type)) {
                continue;
            }
            for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
                if (!RuleTarget.isWeavable(method) || !target.matchesMethod(method)) {
                    continue;
                }
                MethodShape shape = RuleTarget.shapeOf(type, method, null);
                try {
                    CacheRuntime.checkApplicable(target.rule, shape);
                    PropertyPaths.check(target.rule, type, method);
                    matches.get(target.rule).add(shape.display());
                } catch (CompileException e) {
                    errors.add("ERROR rule " + target.rule.id() + " (" + target.rule.position() + "): cannot apply to "
                            + shape.display() + ": " + e.getMessage());
                }
            }
        }
    }

    private static boolean safeMatchesType(RuleTarget target, TypeDescription type) {
        try {
            return target.matchesType(type);
        } catch (RuntimeException unresolvable) {
            return false;
        }
    }

    /** {@code a.jar:lib/*:classes}; {@code dir/*} means every jar in dir, as with java -cp. */
    private static List<Path> expand(String classpath) {
        List<Path> entries = new ArrayList<>();
        for (String element : classpath.split(File.pathSeparator)) {
            if (element.isEmpty()) {
                continue;
            }
            if (element.endsWith("*")) {
                Path dir = Path.of(element.substring(0, element.length() - 1));
                try (Stream<Path> jars = Files.list(dir.toString().isEmpty() ? Path.of(".") : dir)) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(entries::add);
                } catch (IOException e) {
                    // a missing directory simply contributes nothing, as with java -cp
                }
            } else if (Files.exists(Path.of(element))) {
                entries.add(Path.of(element));
            }
        }
        return entries;
    }

    private static List<String> classNames(Path entry) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.walk(entry)) {
                files.filter(p -> p.toString().endsWith(".class"))
                        .map(p -> entry.relativize(p).toString())
                        .forEach(name -> addClassName(names, name.replace(File.separatorChar, '/')));
            }
        } else {
            try (JarFile jar = new JarFile(entry.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    addClassName(names, e.nextElement().getName());
                }
            }
        }
        return names;
    }

    private static void addClassName(List<String> names, String path) {
        if (path.endsWith(".class") && !path.endsWith("module-info.class") && !path.startsWith("META-INF/")) {
            names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }
}
