import com.sun.tools.attach.VirtualMachine;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads cacheweaver's MBeans from a local JVM without jconsole (docs/operations.md). No build
 * step: run it as a source file with a JDK, as the same OS user as the target.
 *
 *   java tools/Jmx.java <pid>                                  every io.cacheweaver attribute
 *   java tools/Jmx.java <pid> 'io.cacheweaver:type=Cache,*'    the MBeans matching a pattern
 *   java tools/Jmx.java <pid> 'io.cacheweaver:type=Cache,name=products' invalidate 42
 *                                                              an operation (with String arguments)
 *
 * It asks the target to start its local JMX connector (the one jconsole uses; no network port).
 */
public class Jmx {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java Jmx.java <pid> [ObjectName pattern] [operation [String arguments]]");
            System.exit(2);
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(args[0]);
        } catch (Exception e) {
            System.err.println("cannot attach to " + args[0] + ": " + e.getMessage()
                    + " (a running JVM of the same OS user, without -XX:+DisableAttachMechanism?)");
            System.exit(1);
            return;
        }
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        ObjectName pattern = new ObjectName(args.length > 1 ? args[1] : "io.cacheweaver:*");
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            Set<ObjectName> names = server.queryNames(pattern, null);
            for (int i = 0; names.isEmpty() && i < 50; i++) { // the agent registers them shortly after the connector starts
                Thread.sleep(100);
                names = server.queryNames(pattern, null);
            }
            if (names.isEmpty()) {
                System.err.println("no MBean matches " + pattern + " (is the agent running with -Dcacheweaver.jmx=false?)");
                System.exit(1);
            }
            if (args.length > 2) {
                String[] params = Arrays.copyOfRange(args, 3, args.length);
                String[] signature = new String[params.length];
                Arrays.fill(signature, String.class.getName());
                for (ObjectName name : names) {
                    Object result = server.invoke(name, args[2], params, signature);
                    System.out.println(name + " " + args[2] + ": " + (result == null ? "done" : result));
                }
                return;
            }
            for (ObjectName name : new TreeSet<>(names)) {
                System.out.println(name);
                for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                    Object value = server.getAttribute(name, attribute.getName());
                    System.out.println("  " + attribute.getName() + " = "
                            + (value instanceof Object[] array ? Arrays.toString(array) : value));
                }
            }
        }
    }
}
