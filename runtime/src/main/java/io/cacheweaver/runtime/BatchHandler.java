package io.cacheweaver.runtime;

import io.cacheweaver.bootstrap.CacheHit;
import io.cacheweaver.runtime.expr.KeyTemplate;
import io.cacheweaver.runtime.expr.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code action: cache} with {@code each} (rules-v1 §6): one key per element of the batch argument.
 * Local probe per element, then {@link TieredCache#readMany} for the local misses (one remote
 * round trip, single flight per element). All found: the body is skipped and the result
 * assembled from the cache. Otherwise the body runs once with only the missing elements (the
 * advice swaps in {@link BatchToken#bodyArgs}), each returned value is stored under its
 * element's key, and the caller gets the cached and loaded values merged in its own order.
 *
 * <p>Counting: a call is one cache hit (every element found) or one miss, so that
 * {@code Invocations} stays a count of calls; per element see {@code BatchElements} and
 * {@code BatchElementHits}.
 */
final class BatchHandler extends SiteHandler {
    private final TieredCache cache;
    private final int each;
    private final Class<?> parameterType;
    private final KeyTemplate key;       // over the arguments and "it" at index args.length
    private final KeyTemplate resultKey; // idem, "it" being a returned value; null for a Map result
    private final BatchShape.ResultKind kind;
    private final Node when;
    private final Node unless;
    private final Duration ttl;
    private final Reader reader;

    BatchHandler(TieredCache cache, int each, Class<?> parameterType, KeyTemplate key, KeyTemplate resultKey,
                 BatchShape.ResultKind kind, Node when, Node unless, Duration ttl, Reader reader) {
        this.cache = cache;
        this.each = each;
        this.parameterType = parameterType;
        this.key = key;
        this.resultKey = resultKey;
        this.kind = kind;
        this.when = when;
        this.unless = unless;
        this.ttl = ttl;
        this.reader = reader;
    }

    /** What a batch call carries from enter to exit. Distinct elements: one per key, at their first position. */
    static final class BatchToken extends Token {
        final Object self;
        final Object[] args;
        final Object[] bodyArgs;   // what the body runs with, or null: the caller's arguments
        final Object[] elements;   // distinct, in the caller's order (a null element included once)
        final Object[] values;     // per distinct element: the cached value, then the loaded one
        final boolean[] present;
        final int[] loadOf;        // per distinct element: index into loads, or -1
        final Load[] loads;
        final long startNanos = System.nanoTime();

        BatchToken(SiteHandler handler, Object self, Object[] args, Object[] bodyArgs, Object[] elements, Object[] values,
                   boolean[] present, int[] loadOf, Load[] loads) {
            super(handler);
            this.self = self;
            this.args = args;
            this.bodyArgs = bodyArgs;
            this.elements = elements;
            this.values = values;
            this.present = present;
            this.loadOf = loadOf;
            this.loads = loads;
        }
    }

    @Override
    Object enter(Object self, Object[] args) {
        if (bypassed(when, reader.counters(), self, args)) {
            return null;
        }
        Object argument = args[each];
        Object[] all = BatchArgument.elements(argument);
        if (all == null) {
            return null; // a null argument: the method runs as it is
        }
        SiteCounters counters = reader.counters();
        counters.batchCalls.increment();
        counters.batchElements.add(all.length);
        if (all.length == 0) {
            return null;
        }
        Object[] withIt = Arrays.copyOf(args, args.length + 1);
        Map<Object, Integer> firstByKey = new LinkedHashMap<>();
        List<Object> distinct = new ArrayList<>();
        List<Object> distinctKeys = new ArrayList<>(); // null for the null element
        int[] distinctOf = new int[all.length];
        int nullAt = -1;
        for (int i = 0; i < all.length; i++) {
            Object element = all[i];
            if (element == null) { // passed to the method, never cached
                if (nullAt < 0) {
                    nullAt = distinct.size();
                    distinct.add(null);
                    distinctKeys.add(null);
                }
                distinctOf[i] = nullAt;
                continue;
            }
            withIt[args.length] = element;
            Object k = key.localKey(self, withIt, null);
            Integer first = firstByKey.putIfAbsent(k, distinct.size());
            if (first == null) {
                distinctOf[i] = distinct.size();
                distinct.add(element);
                distinctKeys.add(k);
            } else {
                distinctOf[i] = first;
            }
        }
        int d = distinct.size();
        Object[] values = new Object[d];
        boolean[] found = new boolean[d];
        int[] loadOf = new int[d];
        Arrays.fill(loadOf, -1);
        List<Integer> localMisses = new ArrayList<>();
        long now = System.nanoTime();
        for (int j = 0; j < d; j++) {
            Object k = distinctKeys.get(j);
            if (k == null) {
                continue;
            }
            LocalEntry entry = cache.probe(k);
            if (entry != null && reader.fits(entry.value) && !(entry.aged() && entry.stale(now))) {
                values[j] = entry.value;
                found[j] = true;
            } else {
                localMisses.add(j);
            }
        }
        List<Load> loads = new ArrayList<>();
        if (!localMisses.isEmpty()) {
            Object[] missKeys = new Object[localMisses.size()];
            for (int m = 0; m < missKeys.length; m++) {
                missKeys[m] = distinctKeys.get(localMisses.get(m));
            }
            Object[] outcomes = cache.readMany(missKeys, reader);
            for (int m = 0; m < outcomes.length; m++) {
                int j = localMisses.get(m);
                if (outcomes[m] instanceof CacheHit hit) {
                    values[j] = hit.value;
                    found[j] = true;
                } else {
                    loadOf[j] = loads.size();
                    loads.add((Load) outcomes[m]);
                }
            }
        }
        Load[] owned = loads.toArray(new Load[0]);
        try {
            return afterReads(self, args, argument, all, distinct.toArray(), distinctOf, values, found, loadOf, owned,
                    localMisses.isEmpty(), nullAt >= 0);
        } catch (RuntimeException | Error e) {
            cache.failedMany(owned); // never leave a flight behind: callers of these keys would wait for it in vain
            throw e;
        }
    }

    /** After the reads: the assembled hit, or the token for a body run with the missing elements. */
    private Object afterReads(Object self, Object[] args, Object argument, Object[] all, Object[] elements, int[] distinctOf,
                              Object[] values, boolean[] found, int[] loadOf, Load[] loads, boolean allLocal,
                              boolean hasNull) {
        SiteCounters counters = reader.counters();
        int d = elements.length;
        long elementHits = 0;
        for (int i = 0; i < all.length; i++) {
            if (found[distinctOf[i]]) {
                elementHits++;
            }
        }
        counters.batchElementHits.add(elementHits);
        if (loads.length == 0 && !hasNull) {
            (allLocal ? counters.localHits : counters.remoteHits).increment();
            boolean[] present = new boolean[d];
            for (int j = 0; j < d; j++) {
                present[j] = values[j] != null; // a cached absence (cacheNulls) stays absent
            }
            return new CacheHit(BatchResult.assemble(kind, elements, values, present));
        }
        counters.misses.increment();
        List<Object> missing = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            if (!found[j]) {
                missing.add(elements[j]);
            }
        }
        Object[] bodyArgs = null;
        if (missing.size() < all.length) { // else the caller's own argument holds exactly the missing elements
            Object replacement = BatchArgument.replacement(argument, missing, parameterType);
            if (replacement != null) {
                bodyArgs = args.clone();
                bodyArgs[each] = replacement;
            }
        }
        return new BatchToken(this, self, args, bodyArgs, elements, values, found, loadOf, loads);
    }

    @Override
    void exit(Object token, Object result, Throwable thrown) {
        complete(token, result, thrown);
    }

    /** Stores what the body loaded and answers with the merged result; after an exception, stores nothing. */
    @Override
    Object complete(Object token, Object result, Throwable thrown) {
        BatchToken call = (BatchToken) token;
        SiteCounters counters = reader.counters();
        if (thrown != null) {
            counters.loadFailures.increment(); // exceptions are never cached
            cache.failedMany(call.loads);
            return null;
        }
        Object[] loaded = new Object[call.loads.length];
        boolean store = false; // if unless cannot be evaluated, nothing is stored
        Object merged;
        try {
            counters.loads.increment();
            long took = System.nanoTime() - call.startNanos;
            counters.loadNanos.add(took);
            SlowLoads.check(counters, took);
            Object[] withIt = Arrays.copyOf(call.args, call.args.length + 1);
            Map<Object, Object> returned = BatchResult.byElement(result, kind, resultKey, call.self, withIt, call.args.length);
            Object[] values = call.values.clone();
            boolean[] present = new boolean[values.length];
            for (int j = 0; j < values.length; j++) {
                if (call.present[j]) {
                    present[j] = values[j] != null;
                    continue;
                }
                Object value = returned.get(BatchResult.identity(call.elements[j]));
                values[j] = value;
                present[j] = value != null;
                if (call.loadOf[j] >= 0) {
                    loaded[call.loadOf[j]] = value;
                }
            }
            merged = BatchResult.assemble(kind, call.elements, values, present);
            store = storeAllowed(call, merged);
        } finally {
            cache.loadedMany(call.loads, loaded, ttl, store);
        }
        return new CacheHit(merged);
    }

    /** {@code unless} over the merged result; a failure to evaluate it stores nothing but must not lose the result. */
    private boolean storeAllowed(BatchToken call, Object merged) {
        try {
            return unless == null || !Boolean.TRUE.equals(unless.eval(call.self, call.args, merged));
        } catch (RuntimeException e) {
            AgentLog.warnRateLimited("batch-unless-" + reader.counters().ruleId, "rule " + reader.counters().ruleId
                    + ": unless could not be evaluated (" + e.getClass().getName() + "); nothing stored");
            return false;
        }
    }
}
