package io.cacheweaver.runtime.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Invalidations made while Redis was unreachable, kept in memory until they can be applied to
 * Redis and broadcast. Bounded: at most {@code bound} distinct invalidations; past it, what was
 * remembered collapses into "clear these caches" (and, when tags were among them, "clear every
 * cache": a tag may be on any cache), which costs one INCR per cache once Redis is back. Nothing
 * is ever dropped silently.
 */
final class Outbox {
    sealed interface Op permits Key, All, Tag {
    }

    record Key(String cache, String key) implements Op {
    }

    record All(String cache) implements Op {
    }

    record Tag(String tag) implements Op {
    }

    /** What to replay, in order: the remembered invalidations, or a clear of every cache known. */
    record Drain(List<Op> ops, boolean everyCache) {
        boolean isEmpty() {
            return ops.isEmpty() && !everyCache;
        }
    }

    private final int bound;
    private final LinkedHashSet<Op> ops = new LinkedHashSet<>();
    private final Set<String> cleared = new TreeSet<>(); // caches whose ops collapsed into an All
    private boolean everyCache;
    private int inFlight; // taken for replay and not yet applied: still outstanding, so they count toward the bound
    private volatile boolean pending;
    private long collapses;

    Outbox(int bound) {
        this.bound = Math.max(1, bound);
    }

    /** Whether anything waits for replay: one volatile read, on every Redis call. */
    boolean pending() {
        return pending;
    }

    synchronized void add(Op op) {
        pending = true;
        if (everyCache || (op instanceof Key key && cleared.contains(key.cache()))) {
            return; // already covered by a clear
        }
        ops.add(op);
        if (ops.size() + inFlight > bound) {
            collapse();
        }
    }

    private void collapse() {
        collapses++;
        List<Op> all = new ArrayList<>(ops);
        ops.clear();
        for (Op op : all) {
            if (op instanceof Tag) {
                everyCache = true;
            } else if (op instanceof Key key) {
                cleared.add(key.cache());
            } else {
                cleared.add(((All) op).cache());
            }
        }
        if (!everyCache) {
            for (String cache : cleared) {
                ops.add(new All(cache));
            }
        }
    }

    /**
     * Everything remembered, removed from here; {@link #putBack} it if the replay fails, else call
     * {@link #replayed}. Still {@link #pending} until then: no call may use Redis meanwhile.
     */
    synchronized Drain take() {
        Drain drain = new Drain(List.copyOf(ops), everyCache);
        inFlight = everyCache ? 0 : ops.size();
        ops.clear();
        cleared.clear();
        everyCache = false;
        return drain;
    }

    /** The drain was applied: pending only if more was added meanwhile. */
    synchronized void replayed() {
        inFlight = 0;
        pending = !ops.isEmpty() || everyCache;
    }

    /** The part of a drain that was not applied, in front of whatever was added meanwhile. */
    synchronized void putBack(Drain rest) {
        List<Op> newer = new ArrayList<>(ops);
        ops.clear();
        inFlight = 0;
        everyCache |= rest.everyCache();
        for (Op op : rest.ops()) {
            add(op);
        }
        for (Op op : newer) {
            add(op);
        }
        pending = true;
    }

    synchronized int size() {
        return ops.size();
    }

    /** How often the bound was reached (for tests and the log). */
    synchronized long collapses() {
        return collapses;
    }
}
