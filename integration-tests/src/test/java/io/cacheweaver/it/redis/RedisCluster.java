package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Redis Cluster of three masters (no replicas), each a {@code redis-server} process
 * of its own, joined with {@code redis-cli --cluster create}. {@code cluster-require-full-coverage
 * no}: when a node is killed the others keep serving their slots, as a production cluster set up
 * for availability would.
 */
final class RedisCluster implements AutoCloseable {
    final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    /** Started and in state ok; the test is skipped when redis-server or redis-cli is missing. */
    static RedisCluster start(Path dir) throws Exception {
        List<RedisServer> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(nodes);
        try {
            for (int i = 0; i < 3; i++) {
                int port = portWithFreeBusPort();
                nodes.add(RedisServer.startLocal(port, List.of("--cluster-enabled", "yes", "--dir", dir.toString(),
                        "--cluster-config-file", "nodes-" + port + ".conf", "--cluster-node-timeout", "1000",
                        "--cluster-require-full-coverage", "no")));
            }
        } catch (IOException e) {
            cluster.close();
            assumeTrue(false, "cannot start redis-server cluster nodes: " + e.getMessage());
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> create.add(n.host() + ":" + n.port()));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process cli;
        try {
            cli = new ProcessBuilder(create).redirectErrorStream(true).start();
        } catch (IOException e) {
            cluster.close();
            assumeTrue(false, "redis-cli is not installed: " + e.getMessage());
            throw e;
        }
        String output = new String(cli.getInputStream().readAllBytes());
        if (!cli.waitFor(30, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            cluster.close();
            throw new IOException("redis-cli --cluster create failed:\n" + output);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (RedisServer node : nodes) {
            while (!node.command("CLUSTER", "INFO").contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    cluster.close();
                    throw new IOException("the cluster did not reach state ok");
                }
                Thread.sleep(50); // polling the cluster's own convergence: nothing to wait on
            }
        }
        return cluster;
    }

    /** The node serving {@code key} right now (per CLUSTER SLOTS of the first live node). */
    RedisServer owner(String key) throws IOException {
        int slot = Integer.parseInt(nodes.get(1).command("CLUSTER", "KEYSLOT", key));
        // redis-cli gives three masters the ranges 0-5460, 5461-10922, 10923-16383, in order
        return nodes.get(slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2);
    }

    /** A port whose cluster bus port (+10000) is free too. */
    private static int portWithFreeBusPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IOException("no free port pair for a cluster node");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            for (RedisServer node : nodes) {
                node.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the remaining nodes die with the test JVM
        }
    }
}
