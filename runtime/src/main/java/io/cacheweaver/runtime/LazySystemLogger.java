package io.cacheweaver.runtime;

import java.util.ResourceBundle;

/**
 * What the agent's copy of Caffeine gets from {@code System.getLogger} (a build-time patch,
 * {@code io.cacheweaver.agent.buildtime.SystemLoggerPatch}): the real logger is looked up on its
 * first use. {@code System.getLogger} initializes {@code java.util.logging}'s LogManager, and the
 * agent must never do that before the application has chosen its own (docs/operations.md, "When
 * they appear"); Caffeine's classes ask for a logger when they initialize but log only when
 * something went wrong.
 */
public final class LazySystemLogger implements System.Logger {
    private final String name;
    private volatile System.Logger delegate;

    private LazySystemLogger(String name) {
        this.name = name;
    }

    /** Called instead of {@code System.getLogger(name)}. */
    public static System.Logger of(String name) {
        return new LazySystemLogger(name);
    }

    private System.Logger delegate() {
        System.Logger logger = delegate;
        if (logger == null) {
            logger = System.getLogger(name);
            delegate = logger;
        }
        return logger;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return delegate().isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        delegate().log(level, bundle, message, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... parameters) {
        delegate().log(level, bundle, format, parameters);
    }
}
