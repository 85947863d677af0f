package org.slf4j.impl;

import org.slf4j.ILoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.LoggerFactoryBinder;

/**
 * Binds Jedis's SLF4J 1.7 logging to nothing. Without a binding SLF4J prints a three-line
 * warning on the application's stderr the first time Jedis logs; the agent reports Redis trouble
 * itself through AgentLog (rate-limited, without passwords). This class lives only in the
 * agent's isolated class loader, so the application's own SLF4J binding is untouched.
 */
public final class StaticLoggerBinder implements LoggerFactoryBinder {
    /** Read by SLF4J 1.7 to check compatibility. */
    public static String REQUESTED_API_VERSION = "1.6.99"; // NOPMD: the SLF4J binding contract wants a mutable static

    private static final StaticLoggerBinder SINGLETON = new StaticLoggerBinder();
    private final ILoggerFactory factory = new NOPLoggerFactory();

    private StaticLoggerBinder() {
    }

    public static StaticLoggerBinder getSingleton() {
        return SINGLETON;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public String getLoggerFactoryClassStr() {
        return NOPLoggerFactory.class.getName();
    }
}
