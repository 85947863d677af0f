package io.cacheweaver.agent;

import io.cacheweaver.rules.RuleProblem;
import io.cacheweaver.rules.RulesException;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.RulesLoader;
import io.cacheweaver.runtime.redis.RedisLayer;
import io.cacheweaver.runtime.settings.AgentSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code invalidate --rules FILE (--cache NAME (--key K | --all) | --tag T)...}: invalidation from
 * outside the application (a deploy script, a data fix, an operator). Each one is applied to Redis
 * and published on the invalidation channel in the documented JSON format, so every running
 * instance drops its local copies. Exit 0 when all were applied; 1 with a message when the rules
 * file is invalid, has no redis section, names no such cache, or Redis fails (bounded by the
 * rules' timeouts: nothing is retried); 2 for a usage error.
 */
final class InvalidateCommand {
    static final String USAGE = "invalidate --rules RULES_FILE (--cache NAME (--key KEY | --all) | --tag TAG)...";

    /** One invalidation: a key, a whole cache ({@code key} null) or a tag ({@code cache} null). */
    private record Target(String cache, String key, String tag) {
        String describe() {
            return tag != null ? "tag \"" + tag + "\"" : key == null ? "every entry of cache " + cache
                    : "key \"" + key + "\" of cache " + cache;
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    InvalidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        String rulesFile = null;
        String cache = null;
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            boolean flag = option.equals("--all");
            if (!flag && i + 1 >= args.length) {
                return usage(option + " needs a value");
            }
            switch (option) {
                case "--rules" -> rulesFile = args[++i];
                case "--cache" -> cache = args[++i];
                case "--tag" -> targets.add(new Target(null, null, args[++i]));
                case "--key", "--all" -> {
                    if (cache == null) {
                        return usage(option + " must follow --cache NAME");
                    }
                    targets.add(new Target(cache, flag ? null : args[++i], null));
                }
                default -> {
                    return usage("unknown option " + option);
                }
            }
        }
        if (rulesFile == null || targets.isEmpty()) {
            return usage(rulesFile == null ? "--rules is required" : "nothing to invalidate");
        }
        RulesFile rules;
        try {
            rules = RulesLoader.withSystemEnvironment().load(Path.of(rulesFile));
        } catch (RulesException e) {
            for (RuleProblem problem : e.problems()) {
                err.println(problem);
            }
            err.println("invalidate: " + rulesFile + " is not valid; nothing was invalidated");
            return 1;
        }
        if (rules.redis() == null) {
            err.println("invalidate: " + rulesFile + " configures no redis: there is no shared layer or channel to invalidate");
            return 1;
        }
        for (Target target : targets) {
            if (target.cache() != null && !rules.caches().containsKey(target.cache())) {
                err.println("invalidate: unknown cache \"" + target.cache() + "\"; declared: "
                        + String.join(", ", rules.caches().keySet()) + "; nothing was invalidated");
                return 1;
            }
        }
        return apply(rules, targets);
    }

    private int apply(RulesFile rules, List<Target> targets) {
        RedisLayer redis = RedisLayer.create(rules.redis(), AgentSettings.defaults());
        if (redis == null) {
            err.println("invalidate: redis " + rules.redis().redactedUrl() + " cannot be used; nothing was invalidated");
            return 1;
        }
        int done = 0;
        try {
            for (Target target : targets) {
                redis.invalidateNow(target.cache(), target.key(), target.tag());
                out.println("invalidated " + target.describe());
                done++;
            }
            return 0;
        } catch (RuntimeException | LinkageError e) {
            err.println("invalidate: redis " + rules.redis().redactedUrl() + " is unreachable or failed ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); "
                    + (done == 0 ? "nothing was invalidated" : done + " of " + targets.size() + " invalidations were applied")
                    + "; instances keep their entries until their ttl");
            return 1;
        } finally {
            redis.close();
        }
    }

    private int usage(String problem) {
        err.println("invalidate: " + problem);
        err.println("usage: java -jar cacheweaver-agent.jar " + USAGE);
        return 2;
    }
}
