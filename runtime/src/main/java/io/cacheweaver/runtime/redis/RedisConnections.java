package io.cacheweaver.runtime.redis;

import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

/**
 * Builds Jedis clients with every wait bounded. Jedis and commons-pool defaults are tuned for
 * clients that would rather wait than fail (2 s timeouts, a pool that waits forever when
 * exhausted); a cache must fail fast and fall back to the method instead.
 */
final class RedisConnections {
    private final RedisEndpoint endpoint;
    private final RedisOptions options;

    RedisConnections(RedisEndpoint endpoint, RedisOptions options) {
        this.endpoint = endpoint;
        this.options = options;
    }

    /** The pooled client for commands; connects on first use, not here. */
    JedisPooled pooled() {
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
        return new JedisPooled(new HostAndPort(endpoint.host(), endpoint.port()), config(millis(options.commandTimeout())), pool);
    }

    /** A dedicated, connected connection for pub/sub (it cannot share the pool). */
    Connection subscriber() {
        return new Connection(new HostAndPort(endpoint.host(), endpoint.port()), config(millis(options.commandTimeout())));
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
