package io.cacheweaver.rules;

import io.cacheweaver.rules.expr.Condition;
import io.cacheweaver.rules.expr.Template;
import java.time.Duration;

/**
 * One entry of {@code rules:}.
 *
 * @param key        {@code null} = built from all arguments
 * @param value      only for PUT; {@code null} = the method's return value
 * @param when       pre-condition over arguments, or {@code null}
 * @param unless     post-condition that may use {@code result}, or {@code null}
 * @param ttl        overrides the cache's ttl for entries this rule writes, or {@code null}
 * @param allEntries EVICT only: clear the whole cache
 * @param before     EVICT only: evict before the method runs (and even if it throws)
 * @param position   where the rule starts in the file, for messages
 */
public record Rule(
        String id,
        MethodSelector method,
        String cache,
        Action action,
        Template key,
        Template value,
        Condition when,
        Condition unless,
        Duration ttl,
        boolean allEntries,
        boolean before,
        SourcePosition position) {
}
