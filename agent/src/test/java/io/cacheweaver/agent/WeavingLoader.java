package io.cacheweaver.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines the fixture classes (and {@link OwnPrices}) itself, child-first, from the test class path's bytes passed
 * through {@code transformer}; everything else (the bridge included) comes from the parent.
 */
final class WeavingLoader extends ClassLoader {
    private final ClassFileTransformer transformer;
    final Set<String> woven = ConcurrentHashMap.newKeySet();

    WeavingLoader(ClassFileTransformer transformer) {
        super(WeavingLoader.class.getClassLoader());
        this.transformer = transformer;
    }

    Object newInstance(String name) throws ReflectiveOperationException {
        return loadClass(name).getConstructor().newInstance();
    }

    /** Runs the class's original bytes through another transformer, as a retransformation does. */
    boolean weaveAgain(ClassFileTransformer again, String name) throws Exception {
        return again.transform(this, name.replace('.', '/'), loadClass(name), null, original(name)) != null;
    }

    private byte[] original(String name) throws IOException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("weaving.fixture.") && !name.equals(OwnPrices.class.getName())) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    byte[] bytes = original(name);
                    byte[] transformed = transformer.transform(this, name.replace('.', '/'), null, null, bytes);
                    if (transformed != null) {
                        woven.add(name);
                    }
                    loaded = defineClass(name, transformed == null ? bytes : transformed, 0,
                            transformed == null ? bytes.length : transformed.length);
                } catch (IOException | java.lang.instrument.IllegalClassFormatException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
            return loaded;
        }
    }
}
