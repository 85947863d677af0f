package io.cacheweaver.bootstrap;

/**
 * The runtime as woven advice sees it. Implemented inside the isolated class loader; only JDK
 * types cross this boundary. {@code site} is the int baked into the woven bytecode: it names one
 * (rule, method) pair.
 */
public interface Dispatcher {

    /**
     * Called before the method body. Returns a {@link CacheHit} to skip the body and return the
     * hit's value, or any other object (possibly {@code null}) that is handed back to
     * {@link #exit} as the token.
     */
    Object enter(int site, Object self, Object[] args);

    /** {@link #enter} for a method with exactly one parameter, without an argument array. */
    default Object enter1(int site, Object self, Object argument) {
        return enter(site, self, new Object[] {argument});
    }

    /** {@link #enter} for a method with exactly two parameters, without an argument array. */
    default Object enter2(int site, Object self, Object first, Object second) {
        return enter(site, self, new Object[] {first, second});
    }

    /** {@link #enter} for a method with exactly three parameters, without an argument array. */
    default Object enter3(int site, Object self, Object first, Object second, Object third) {
        return enter(site, self, new Object[] {first, second, third});
    }

    /** {@link #enter2} for a method whose first parameter is a {@code long}, passed unboxed. */
    default Object enter2L(int site, Object self, long first, Object second) {
        return enter2(site, self, first, second);
    }

    /** {@link #enter3} for a method whose first parameter is a {@code long}, passed unboxed. */
    default Object enter3L(int site, Object self, long first, Object second, Object third) {
        return enter3(site, self, first, second, third);
    }

    /** Called after the method body (or after a skipped body: never for a hit). */
    void exit(int site, Object token, Object result, Throwable thrown);

    /**
     * {@link #exit} for cache-aside advice, which may replace the method's outcome: a returned
     * {@link CacheHit} becomes the method's result and its exception is not thrown (a stale value
     * served because the load failed); anything else leaves the outcome as it was.
     */
    default Object complete(int site, Object token, Object result, Throwable thrown) {
        exit(site, token, result, thrown);
        return null;
    }

    /**
     * For batch advice, right after {@link #enter}: the arguments the body must run with instead
     * of the caller's (the batch argument holding only the elements no cache layer had), or
     * {@code null} to keep the caller's. Every other argument is the caller's own object.
     */
    default Object[] arguments(int site, Object token) {
        return null;
    }

    /** The dispatcher used before the runtime is installed, and after {@code enabled=false}. */
    Dispatcher NONE = new Dispatcher() {
        @Override
        public Object enter(int site, Object self, Object[] args) {
            return null;
        }

        @Override
        public void exit(int site, Object token, Object result, Throwable thrown) {
        }
    };
}
