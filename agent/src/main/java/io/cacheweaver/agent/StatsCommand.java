package io.cacheweaver.agent;

import com.sun.tools.attach.VirtualMachine;
import io.cacheweaver.rules.DurationParser;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code stats <pid> [--json] [--watch 2s]}: the Cache and Rule MBeans of a JVM running the agent
 * on this machine, one line each. It asks the target, through the Attach API, to start its local
 * JMX connector (the one jconsole uses: no network port), then reads it.
 */
final class StatsCommand {
    static final String USAGE = "stats PID [--json] [--watch 2s]";
    /** The agent registers its MBeans a few seconds after startup (jmx.delay); a brand-new JVM gets that long. */
    private static final long REGISTRATION_WAIT_MILLIS = 10_000;

    private final PrintStream out;
    private final PrintStream err;

    StatsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** {@code args}: what follows the word {@code stats}, options before or after the pid. */
    int run(String[] args) {
        String pid = null;
        boolean json = false;
        Duration watch = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--json")) {
                json = true;
            } else if (args[i].equals("--watch") && i + 1 < args.length) {
                watch = DurationParser.parse(args[++i]).filter(d -> !d.isNegative() && !d.isZero()).orElse(null);
                if (watch == null) {
                    err.println("invalid --watch interval \"" + args[i] + "\"; expected e.g. 2s or 500ms");
                    return 2;
                }
            } else if (args[i].matches("\\d+") && pid == null) {
                pid = args[i];
            } else {
                err.println("unknown argument: " + args[i]);
                err.println("usage: java -jar cacheweaver-agent.jar " + USAGE);
                return 2;
            }
        }
        if (pid == null) {
            err.println("usage: java -jar cacheweaver-agent.jar " + USAGE);
            return 2;
        }
        if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
            err.println("no Java process with pid " + pid + " (jps lists the Java processes you can read)");
            return 1;
        }
        Optional<JMXConnector> connector = connect(pid);
        if (connector.isEmpty()) {
            return 1;
        }
        try (JMXConnector open = connector.get()) {
            MBeanServerConnection jmx = open.getMBeanServerConnection();
            StatsSnapshot first = awaitRegistered(jmx);
            if (first.isEmpty()) {
                err.println("pid " + pid + " shows no cacheweaver caches or rules: is the agent running there, with rules,"
                        + " and without -Dcacheweaver.jmx=false?");
                return 1;
            }
            print(first, json);
            while (watch != null) {
                Thread.sleep(watch.toMillis());
                print(StatsSnapshot.read(jmx), json);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            err.println("could not read the MBeans of " + pid + ": " + e);
            return 1;
        }
    }

    private void print(StatsSnapshot snapshot, boolean json) {
        if (json) {
            out.println(snapshot.json()); // one document per line, also with --watch
        } else {
            out.println("cacheweaver stats at " + Instant.now().toString() + " (times are per call; p99 within 1%)");
            out.print(snapshot.table());
            out.println();
        }
        out.flush();
    }

    private static StatsSnapshot awaitRegistered(MBeanServerConnection jmx) throws Exception {
        long deadline = System.nanoTime() + REGISTRATION_WAIT_MILLIS * 1_000_000;
        StatsSnapshot snapshot = StatsSnapshot.read(jmx);
        while (snapshot.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100); // polling a deadline: the target registers on its own schedule
            snapshot = StatsSnapshot.read(jmx);
        }
        return snapshot;
    }

    private Optional<JMXConnector> connect(String pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return Optional.of(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (Exception | LinkageError e) {
            err.println("could not attach to " + pid + ": " + e.getMessage());
            err.println("check: the same OS user as the target; the target not started with -XX:+DisableAttachMechanism;"
                    + " a JDK (with the jdk.attach module) running this command");
            return Optional.empty();
        }
    }
}
