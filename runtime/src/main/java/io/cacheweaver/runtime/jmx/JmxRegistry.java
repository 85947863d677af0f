package io.cacheweaver.runtime.jmx;

import io.cacheweaver.rules.Rule;
import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.BlockedThreadRelease;
import io.cacheweaver.runtime.CacheRuntime;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers the agent's MBeans in the platform MBean server and keeps the Cache and Rule MBeans in
 * step with the rules after each reload. Never opens a port: remote access is the operator's call.
 *
 * <p>Registration is deferred to a daemon thread. {@code getPlatformMBeanServer()} initializes
 * java.util.logging's LogManager, and doing that from premain fixes the JVM-wide LogManager before
 * an application (JBoss/WildFly, or a main that sets {@code java.util.logging.manager}) has chosen
 * its own. Like the OpenTelemetry agent we wait until the application has loaded the LogManager;
 * without a custom LogManager in sight we stop waiting after a short delay.
 */
public final class JmxRegistry {
    public static final String DOMAIN = "io.cacheweaver";
    private static final long POLL_MILLIS = 50;

    private final CacheRuntime runtime;
    private final AgentMXBean agent;
    private final Map<ObjectName, Object> registered = new HashMap<>(); // guarded by this
    private MBeanServer server;                                         // guarded by this; null until started

    /** {@code readOnly}: the {@code jmx.readOnly} setting; the operations then refuse to run. */
    public JmxRegistry(CacheRuntime runtime, AgentMXBean agent, boolean readOnly) {
        this.runtime = runtime;
        this.agent = agent;
        ReadOnlyMode.set(readOnly);
    }

    /**
     * Starts registration on a daemon thread once {@code logManagerLoaded} is true, or after
     * {@code maxDelay} when no custom LogManager is configured (with one, it waits as long as it takes).
     */
    public void startDeferred(BooleanSupplier logManagerLoaded, Duration maxDelay) {
        boolean customLogManager = System.getProperty("java.util.logging.manager") != null
                || System.getenv("JBOSS_HOME") != null || System.getProperty("jboss.modules.system.pkgs") != null;
        Thread thread = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + maxDelay.toNanos();
                while (!logManagerLoaded.getAsBoolean() && (customLogManager || System.nanoTime() < deadline)) {
                    Thread.sleep(POLL_MILLIS);
                }
                start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                if (jvmExiting()) {
                    // a short program ended while this thread started: the JDK's management classes
                    // may fail half torn down (seen: an NPE inside getPlatformMBeanServer), and nobody
                    // can read MBeans of a JVM that is going away
                    AgentLog.debug("JMX: not registered, the JVM is exiting (" + AgentLog.describe(t) + ")");
                } else {
                    AgentLog.error("JMX: could not register the agent's MBeans: " + AgentLog.describe(t));
                }
            }
        }, "cacheweaver-jmx");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the JVM's shutdown has begun: a shutdown hook can no longer be added then. */
    private static boolean jvmExiting() {
        if (BlockedThreadRelease.exiting()) {
            return true;
        }
        Thread probe = new Thread(() -> { }, "cacheweaver-exit-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    /** Registers now, on the calling thread. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = ManagementFactory.getPlatformMBeanServer();
        register(name("Agent", null), agent);
        sync();
        AgentLog.info("JMX: MBeans registered under " + DOMAIN + ":type=Agent|Cache|Rule|Http");
    }

    /** Registers MBeans of new caches and rules and unregisters those of removed ones; no-op before start. */
    public synchronized void sync() {
        if (server == null) {
            return;
        }
        Map<ObjectName, Object> wanted = new HashMap<>();
        wanted.put(name("Agent", null), agent);
        for (String cache : runtime.rules().caches().keySet()) {
            wanted.put(name("Cache", cache), new CacheView(runtime, cache));
        }
        for (Rule rule : runtime.rules().rules()) {
            wanted.put(name("Rule", rule.id()), new RuleView(runtime, rule.id()));
        }
        io.cacheweaver.runtime.http.HttpLayer http = io.cacheweaver.runtime.http.HttpLayer.installed();
        for (io.cacheweaver.rules.http.HttpRule rule : http == null ? java.util.List.<io.cacheweaver.rules.http.HttpRule>of() : http.rules()) {
            wanted.put(name("Http", rule.id()), new HttpView(rule.id()));
        }
        for (ObjectName gone : new HashSet<>(registered.keySet())) {
            if (!wanted.containsKey(gone)) {
                unregister(gone);
            }
        }
        for (Map.Entry<ObjectName, Object> entry : wanted.entrySet()) {
            if (!registered.containsKey(entry.getKey())) {
                register(entry.getKey(), entry.getValue());
            }
        }
    }

    public synchronized Set<ObjectName> registeredNames() {
        return Set.copyOf(registered.keySet());
    }

    private void register(ObjectName name, Object bean) {
        try {
            if (server.isRegistered(name)) {
                AgentLog.warn("JMX: " + name + " is already registered by someone else; not replacing it");
                return;
            }
            server.registerMBean(bean, name);
            registered.put(name, bean);
        } catch (JMException | RuntimeException e) {
            AgentLog.warn("JMX: could not register " + name + ": " + AgentLog.describe(e));
        }
    }

    private void unregister(ObjectName name) {
        registered.remove(name);
        try {
            server.unregisterMBean(name);
        } catch (JMException | RuntimeException e) {
            AgentLog.warn("JMX: could not unregister " + name + ": " + AgentLog.describe(e));
        }
    }

    /** {@code io.cacheweaver:type=<type>[,name=<name>]}; names with ObjectName syntax characters are quoted. */
    static ObjectName name(String type, String name) {
        try {
            String text = DOMAIN + ":type=" + type;
            if (name != null) {
                boolean plain = name.chars().noneMatch(c -> ",=:\"*?\n\\".indexOf(c) >= 0) && !name.isEmpty();
                text += ",name=" + (plain ? name : ObjectName.quote(name));
            }
            return new ObjectName(text);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
