package io.cacheweaver.bootstrap;

/**
 * The only class woven advice calls. It lives on the bootstrap class path so that every class
 * loader of the application resolves the same class, and forwards to the runtime through a
 * volatile {@link Dispatcher}. Nothing here may throw into application code.
 */
public final class CacheBridge {
    private static volatile Dispatcher dispatcher = Dispatcher.NONE;

    private CacheBridge() {
    }

    public static Object enter(int site, Object self, Object[] args) {
        try {
            return dispatcher.enter(site, self, args);
        } catch (Throwable t) {
            // The runtime catches its own failures; this is the last line of defence. A null
            // token makes exit a no-op and the method body runs as if there were no agent.
            return null;
        }
    }

    /** {@link #enter} for one-parameter methods: no argument array on the hot path. */
    public static Object enter1(int site, Object self, Object argument) {
        try {
            return dispatcher.enter1(site, self, argument);
        } catch (Throwable t) {
            return null; // see enter()
        }
    }

    /** {@link #enter} for two-parameter methods: no argument array on the hot path. */
    public static Object enter2(int site, Object self, Object first, Object second) {
        try {
            return dispatcher.enter2(site, self, first, second);
        } catch (Throwable t) {
            return null; // see enter()
        }
    }

    /** {@link #enter} for three-parameter methods: no argument array on the hot path. */
    public static Object enter3(int site, Object self, Object first, Object second, Object third) {
        try {
            return dispatcher.enter3(site, self, first, second, third);
        } catch (Throwable t) {
            return null; // see enter()
        }
    }

    /** {@link #enter2} for a method whose first parameter is a {@code long}: not even that argument is boxed. */
    public static Object enter2L(int site, Object self, long first, Object second) {
        try {
            return dispatcher.enter2L(site, self, first, second);
        } catch (Throwable t) {
            return null; // see enter()
        }
    }

    /** {@link #enter3} for a method whose first parameter is a {@code long}: not even that argument is boxed. */
    public static Object enter3L(int site, Object self, long first, Object second, Object third) {
        try {
            return dispatcher.enter3L(site, self, first, second, third);
        } catch (Throwable t) {
            return null; // see enter()
        }
    }

    public static void exit(int site, Object token, Object result, Throwable thrown) {
        if (token == null) {
            return;
        }
        try {
            dispatcher.exit(site, token, result, thrown);
        } catch (Throwable ignored) {
            // see enter(): the application's own result and exception always win
        }
    }

    /** {@link #exit} that may replace the outcome with a {@link CacheHit}; {@code null}: keep it. */
    public static Object complete(int site, Object token, Object result, Throwable thrown) {
        if (token == null) {
            return null;
        }
        try {
            return dispatcher.complete(site, token, result, thrown);
        } catch (Throwable ignored) {
            return null; // see enter()
        }
    }

    /*
     * The lean weaver's exits (see the agent's LeanWeaver): the method's own result or exception
     * comes first, so that the woven code calls straight from the value on its operand stack,
     * with no branch and so no stack map frame at a return site.
     */

    /** A cache-aside method returns {@code result}: what it returns instead (a merged or stale value), or {@code result}. */
    public static Object returned(Object result, Object token, int site) {
        if (token == null) {
            return result;
        }
        try {
            Object outcome = dispatcher.complete(site, token, result, null);
            return outcome instanceof CacheHit ? ((CacheHit) outcome).value : result;
        } catch (Throwable ignored) {
            return result; // see enter()
        }
    }

    /**
     * A cache-aside method threw {@code thrown}: the value it returns instead (a stale one, for
     * staleIfError), or {@code thrown} is thrown on, unchanged.
     */
    public static Object failed(Throwable thrown, Object token, int site) {
        Object outcome = null;
        if (token != null) {
            try {
                outcome = dispatcher.complete(site, token, null, thrown);
            } catch (Throwable ignored) {
                // see enter(): the application's own exception stands
            }
        }
        if (outcome instanceof CacheHit) {
            return ((CacheHit) outcome).value;
        }
        throw CacheBridge.<RuntimeException>rethrown(thrown);
    }

    /** A put or evict method returned {@code result} (boxed; {@code null} for void). */
    public static void observed(Object result, Object token, int site) {
        exit(site, token, result, null);
    }

    /** A put or evict method threw {@code thrown}; the woven code throws it on. */
    public static void observedFailure(Throwable thrown, Object token, int site) {
        exit(site, token, null, thrown);
    }

    /** Lets {@link #failed} throw a checked exception the method declared, exactly as the method would have. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrown(Throwable thrown) throws T {
        throw (T) thrown;
    }

    /** {@link Dispatcher#arguments}: the arguments a batch body runs with, or {@code null} to keep the caller's. */
    public static Object[] arguments(int site, Object token) {
        if (token == null || token instanceof CacheHit) {
            return null;
        }
        try {
            return dispatcher.arguments(site, token);
        } catch (Throwable ignored) {
            return null; // see enter()
        }
    }

    public static void install(Dispatcher installed) {
        dispatcher = installed == null ? Dispatcher.NONE : installed;
    }

    public static Dispatcher installed() {
        return dispatcher;
    }
}
