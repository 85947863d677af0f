package io.cacheweaver.agent;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.rules.RuleProblem;
import io.cacheweaver.rules.RulesException;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.rules.expr.Expr;
import io.cacheweaver.runtime.CacheRuntime;
import io.cacheweaver.runtime.MethodShape;
import io.cacheweaver.runtime.expr.CompileException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** How many never-woven methods a warning names before it just counts them. */
    private static final int NAMED_NEVER_WOVEN = 5;

    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** What one rule met on the class path. */
    private record Matches(List<String> woven, List<String> neverWoven, List<String> errors) {
        Matches() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        boolean none() {
            return woven.isEmpty() && neverWoven.isEmpty() && errors.isEmpty();
        }
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
        int httpRules = rules.http().rules().size();
        out.println(file + ": valid (" + rules.rules().size() + " rules, " + rules.caches().size() + " caches"
                + (httpRules == 0 ? "" : ", " + httpRules + " http rules") + ")");
        for (io.cacheweaver.rules.http.HttpRule rule : rules.http().rules()) {
            out.println(describe(rule));
        }
        if (args.length == 3) {
            return checkAgainst(rules, args[2]);
        }
        noteNamesNeedTheClassPath(rules);
        return 0;
    }

    /** What the rule adds to which responses, one line: {@code http rule product-page: GET,HEAD /products/* -> ...}. */
    static String describe(io.cacheweaver.rules.http.HttpRule rule) {
        List<String> adds = new java.util.ArrayList<>();
        if (rule.cacheControl() != null) {
            adds.add("Cache-Control: " + rule.cacheControl() + (rule.override() ? " (replacing the application's)" : ""));
        }
        if (!rule.vary().isEmpty()) {
            adds.add("Vary: " + String.join(", ", rule.vary()));
        }
        if (rule.etag()) {
            adds.add("ETag");
        }
        if (!rule.tags().isEmpty()) {
            adds.add(rule.tags().size() + " tag template(s)");
        }
        return "http rule " + rule.id() + ": " + String.join(",", new java.util.TreeSet<>(rule.methods())) + " " + rule.path().text()
                + " -> " + (adds.isEmpty() ? "nothing" : String.join("; ", adds));
    }

    /** Positions are checked against the selector; names only exist in the compiled classes. */
    private void noteNamesNeedTheClassPath(RulesFile rules) {
        for (Rule rule : rules.rules()) {
            for (String yamlKey : Rule.EXPRESSION_KEYS) {
                for (Expr.Path path : rule.paths(yamlKey)) {
                    if (path.root() instanceof Expr.Parameter parameter
                            && !(rule.isBatch() && parameter.name().equals("it"))) { // a batch rule's element, not a parameter
                        out.println("note: parameter names (\"" + path.text() + "\" in rule " + rule.id()
                                + ") can only be checked with --classpath, against the compiled classes");
                        return;
                    }
                }
            }
        }
    }

    private int checkAgainst(RulesFile rules, String classpath) {
        ClassPathEntries classPath = ClassPathEntries.parse(classpath);
        if (!classPath.problems().isEmpty()) {
            classPath.problems().forEach(problem -> err.println("ERROR " + problem));
            err.println("the class path was not read; fix the --classpath argument (entries are separated by '"
                    + java.io.File.pathSeparator + "')");
            return 2;
        }
        Map<RuleTarget, Matches> matches = new LinkedHashMap<>();
        for (Rule rule : rules.rules()) {
            matches.put(new RuleTarget(rule), new Matches());
        }
        List<ClassFileLocator> locators = new ArrayList<>();
        try {
            for (Path entry : classPath.entries()) {
                locators.add(Files.isDirectory(entry) ? new ClassFileLocator.ForFolder(entry.toFile())
                        : ClassFileLocator.ForJarFile.of(entry.toFile()));
            }
            locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader()); // JDK supertypes
            TypePool pool = new TypePool.Default(new TypePool.CacheProvider.Simple(), new ClassFileLocator.Compound(locators),
                    TypePool.Default.ReaderMode.EXTENDED); // EXTENDED: parameter names from debug information
            for (Path entry : classPath.entries()) {
                for (String className : ClassPathEntries.classNames(entry)) {
                    TypePool.Resolution resolution = pool.describe(className);
                    if (resolution.isResolved()) {
                        match(resolution.resolve(), matches);
                    }
                }
            }
        } catch (IOException e) {
            err.println("cannot read the class path: " + e.getMessage());
            return 1;
        }
        return report(matches, classPath.entries().size());
    }

    private int report(Map<RuleTarget, Matches> matches, int entries) {
        int warnings = 0;
        List<String> errors = new ArrayList<>();
        for (Map.Entry<RuleTarget, Matches> entry : matches.entrySet()) {
            Rule rule = entry.getKey().rule;
            Matches found = entry.getValue();
            if (found.none()) {
                err.println("WARN rule " + rule.id() + " (" + rule.position() + "): " + rule.method()
                        + " matches no method on the class path");
                warnings++;
            }
            if (!found.woven().isEmpty()) {
                out.println("rule " + rule.id() + ": " + found.woven().size() + " method(s)");
                found.woven().forEach(method -> out.println("  " + method));
            }
            if (!found.neverWoven().isEmpty()) {
                List<String> named = found.neverWoven().subList(0, Math.min(NAMED_NEVER_WOVEN, found.neverWoven().size()));
                err.println("WARN rule " + rule.id() + " (" + rule.position() + "): the agent never weaves classes in "
                        + NeverWeave.describe() + "; " + found.neverWoven().size() + " matched method(s) stay uncached: "
                        + String.join(", ", named) + (named.size() < found.neverWoven().size() ? ", ..." : ""));
                warnings++;
            }
            errors.addAll(found.errors());
        }
        errors.forEach(err::println);
        out.println(entries + " class path entries read; " + errors.size() + " error(s), " + warnings + " warning(s)");
        return errors.isEmpty() ? 0 : 1;
    }

    private static void match(TypeDescription type, Map<RuleTarget, Matches> matches) {
        boolean never = NeverWeave.covers(type.getName());
        for (Map.Entry<RuleTarget, Matches> entry : matches.entrySet()) {
            RuleTarget target = entry.getKey();
            if (!safeMatchesType(target, type)) {
                continue;
            }
            Matches found = entry.getValue();
            for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
                if (!RuleTarget.isWeavable(method) || !target.matchesMethod(method)) {
                    continue;
                }
                MethodShape shape = RuleTarget.shapeOf(type, method, null);
                if (never) {
                    found.neverWoven().add(shape.display());
                    continue;
                }
                try {
                    CacheRuntime.checkApplicable(target.rule, shape);
                    PropertyPaths.check(target.rule, type, method);
                    found.woven().add(shape.display());
                } catch (CompileException e) {
                    found.errors().add("ERROR rule " + target.rule.id() + " (" + target.rule.position(e.yamlKey())
                            + "): cannot apply to " + shape.display() + ": " + e.getMessage());
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
}
