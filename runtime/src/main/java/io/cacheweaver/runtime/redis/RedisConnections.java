package io.cacheweaver.runtime.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import io.cacheweaver.rules.RedisSentinel;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.UnifiedJedis;

/**
 * Builds Jedis clients with every wait bounded. Jedis and commons-pool defaults are tuned for
 * clients that would rather wait than fail (2 s timeouts, a pool that waits forever when
 * exhausted); a cache must fail fast and fall back to the method instead.
 */
final class RedisConnections {
    private final RedisEndpoint endpoint;
    private final RedisOptions options;
    private final boolean cluster;
    private final RedisSentinel sentinel;          // null: not through sentinels
    private volatile JedisCluster clusterClient; // knows the nodes once built
    private volatile UnifiedJedis shared;         // the one command client, built on first use
    private final AtomicInteger nextNode = new AtomicInteger();

    RedisConnections(RedisEndpoint endpoint, RedisOptions options, boolean cluster) {
        this(endpoint, options, cluster, null);
    }

    RedisConnections(RedisEndpoint endpoint, RedisOptions options, boolean cluster, RedisSentinel sentinel) {
        this.endpoint = endpoint;
        this.options = options;
        this.cluster = cluster;
        this.sentinel = sentinel;
    }

    /** The command client every call shares, built on the first call (never in premain). */
    UnifiedJedis shared() {
        UnifiedJedis c = shared;
        if (c == null) {
            synchronized (this) {
                c = shared;
                if (c == null) {
                    c = pooled();
                    shared = c;
                }
            }
        }
        return c;
    }

    /** Closes the shared client, if it was ever built. */
    synchronized void close() {
        UnifiedJedis c = shared;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // closing a broken pool: nothing left to release
            }
        }
    }

    /**
     * The pooled client for commands. A single server connects on first use; a cluster client
     * asks the seed node for the topology here (so call it lazily, as RedisLayer does), then
     * keeps a pool per node and follows MOVED redirects.
     */
    private UnifiedJedis pooled() {
        if (cluster) {
            // few attempts within one command timeout: a dead shard must cost a miss, not a retry storm
            JedisCluster client = new JedisCluster(Set.of(seed()), config(millis(options.commandTimeout())), 2,
                    options.commandTimeout().multipliedBy(2), poolConfig());
            clusterClient = client;
            return client;
        }
        if (sentinel != null) {
            // asks the sentinels for the master here, then follows +switch-master on their channel
            JedisSentineled client = new JedisSentineled(sentinel.master(), config(millis(options.commandTimeout())), poolConfig(),
                    sentinels(), sentinelConfig());
            return client;
        }
        return new JedisPooled(seed(), config(millis(options.commandTimeout())), poolConfig());
    }

    private Set<HostAndPort> sentinels() {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        for (String node : sentinel.nodes()) {
            int colon = node.lastIndexOf(':');
            String host = node.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            nodes.add(new HostAndPort(host, Integer.parseInt(node.substring(colon + 1))));
        }
        return nodes;
    }

    /** Sentinels: the same timeouts; no database, user or password of the data nodes (sentinels rarely have them). */
    private JedisClientConfig sentinelConfig() {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(options.connectTimeout()))
                .socketTimeoutMillis(millis(options.commandTimeout()))
                .clientName("cacheweaver-sentinel")
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build();
    }

    private GenericObjectPoolConfig<Connection> poolConfig() {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(options.poolMaxTotal());
        pool.setMaxIdle(options.poolMaxTotal());
        pool.setMinIdle(0); // no connection before the first command
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(options.poolMaxWait()); // commons-pool's default is to wait forever
        pool.setJmxEnabled(false); // keep the application's JMX namespace free of pool MBeans
        pool.setTestOnBorrow(false);
        pool.setTestWhileIdle(false);
        pool.setTimeBetweenEvictionRuns(Duration.ofMillis(-1)); // no evictor thread
        return pool;
    }

    /**
     * A dedicated, connected connection for pub/sub (it cannot share the pool). In a cluster any
     * node will do, since PUBLISH reaches every node's subscribers: each call starts at the next
     * known node, so a subscriber whose node died reconnects to a live one.
     */
    Connection subscriber() {
        List<HostAndPort> nodes = nodes();
        int start = nextNode.getAndIncrement();
        RuntimeException last = null;
        for (int i = 0; i < nodes.size(); i++) {
            try {
                return new Connection(nodes.get(Math.floorMod(start + i, nodes.size())), config(millis(options.commandTimeout())));
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private List<HostAndPort> nodes() {
        List<HostAndPort> nodes = new ArrayList<>();
        if (sentinel != null) {
            nodes.add(shared() instanceof JedisSentineled client ? client.getCurrentMaster() : seed());
            return nodes; // PUBLISH goes to the master, and so must the subscriber
        }
        JedisCluster client = clusterClient;
        if (client != null) {
            try {
                client.getClusterNodes().keySet().forEach(node -> nodes.add(HostAndPort.from(node)));
            } catch (RuntimeException e) {
                // no topology now: the seed below is still worth a try
            }
        }
        if (!nodes.contains(seed())) {
            nodes.add(seed());
        }
        return nodes;
    }

    private HostAndPort seed() {
        return new HostAndPort(endpoint.host(), endpoint.port());
    }

    private JedisClientConfig config(int socketTimeoutMillis) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(options.connectTimeout()))
                .socketTimeoutMillis(socketTimeoutMillis)
                .database(endpoint.database())
                .clientName("cacheweaver")
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED); // one round trip less per connection
        if (endpoint.user() != null) {
            builder.user(endpoint.user());
        }
        if (endpoint.password() != null) {
            builder.password(endpoint.password());
        }
        if (endpoint.tls()) {
            // Jedis 7 does not verify the host name unless asked: FULL checks chain and name,
            // against the JVM's trust store (javax.net.ssl.trustStore or cacerts)
            builder.ssl(true).sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
        }
        return builder.build();
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
