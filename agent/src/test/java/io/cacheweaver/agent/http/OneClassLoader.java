package io.cacheweaver.agent.http;

/**
 * Defines one class from the given bytes and delegates every other name to the test's loader: a
 * woven class loads next to the real types it names, and the JVM's verifier checks it (every class
 * outside the boot loader is verified).
 */
final class OneClassLoader extends ClassLoader {
    private final String name;
    private final byte[] bytes;

    private OneClassLoader(String name, byte[] bytes) {
        super(OneClassLoader.class.getClassLoader());
        this.name = name;
        this.bytes = bytes;
    }

    /** The class {@code name} defined from {@code bytes}, linked (so verified) and initialized. */
    static Class<?> define(String name, byte[] bytes) throws ClassNotFoundException {
        return Class.forName(name, true, new OneClassLoader(name, bytes));
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (!className.equals(name)) {
            return super.loadClass(className, resolve);
        }
        synchronized (getClassLoadingLock(className)) {
            Class<?> defined = findLoadedClass(className);
            return defined != null ? defined : defineClass(className, bytes, 0, bytes.length);
        }
    }
}
