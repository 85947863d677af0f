package io.cacheweaver.runtime;

import io.cacheweaver.runtime.expr.Node;

/**
 * The compiled behaviour of one site (one rule on one method). {@link #enter} returns a
 * {@link io.cacheweaver.bootstrap.CacheHit} to skip the method, a token for {@link #exit}, or
 * {@code null} when exit has nothing to do.
 */
abstract class SiteHandler {
    /** The rule's compiled {@code tags:}, or {@code null}; set once before the handler is published. */
    TagRenderer tags;
    /** Where evict rules send their tags; set with {@link #tags}. */
    TagInvalidation tagInvalidation;

    /** The tags of this call, or {@code null} when the rule has none. */
    final String[] tagsOf(Object self, Object[] args, Object result) {
        return tags == null ? null : tags.render(self, args, result);
    }

    abstract Object enter(Object self, Object[] args);

    abstract void exit(Object token, Object result, Throwable thrown);

    /** {@link #exit} that may replace the method's outcome: a {@link io.cacheweaver.bootstrap.CacheHit} to return instead, or {@code null}. */
    Object complete(Object token, Object result, Throwable thrown) {
        exit(token, result, thrown);
        return null;
    }

    /** {@code when:} is false for this call: it runs as if there were no rule (counted as a bypass). */
    static boolean bypassed(Node when, SiteCounters counters, Object self, Object[] args) {
        if (when != null && !Boolean.TRUE.equals(when.eval(self, args, null))) {
            counters.bypasses.increment();
            return true;
        }
        return false;
    }

    /** {@link #enter} for a method with exactly one parameter; handlers override it to skip the array. */
    Object enter1(Object self, Object argument) {
        return enter(self, new Object[] {argument});
    }

    /** {@link #enter} for a method with exactly two parameters; handlers override it to skip the array. */
    Object enter2(Object self, Object first, Object second) {
        return enter(self, new Object[] {first, second});
    }

    /** {@link #enter} for a method with exactly three parameters; handlers override it to skip the array. */
    Object enter3(Object self, Object first, Object second, Object third) {
        return enter(self, new Object[] {first, second, third});
    }

    /** {@link #enter2} whose first parameter is a {@code long}; handlers override it to skip the box. */
    Object enter2L(Object self, long first, Object second) {
        return enter2(self, first, second);
    }

    /** {@link #enter3} whose first parameter is a {@code long}; handlers override it to skip the box. */
    Object enter3L(Object self, long first, Object second, Object third) {
        return enter3(self, first, second, third);
    }

    /** A site whose rule was removed or could not be compiled: the method runs as if unwoven. */
    static final SiteHandler PASS_THROUGH = new SiteHandler() {
        @Override
        Object enter(Object self, Object[] args) {
            return null;
        }

        @Override
        void exit(Object token, Object result, Throwable thrown) {
        }
    };

    /**
     * What enter hands to exit. It names the handler that made it, so that a rules reload
     * between enter and exit cannot pair a token with a handler that does not understand it.
     */
    abstract static class Token {
        final SiteHandler handler;

        Token(SiteHandler handler) {
            this.handler = handler;
        }
    }

    /** What put and evict rules carry from enter to exit. */
    static final class Call extends Token {
        final Object self;
        final Object[] args;

        Call(SiteHandler handler, Object self, Object[] args) {
            super(handler);
            this.self = self;
            this.args = args;
        }
    }
}
