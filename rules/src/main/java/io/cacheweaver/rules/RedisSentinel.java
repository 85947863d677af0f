package io.cacheweaver.rules;

import java.util.List;

/**
 * {@code redis.sentinel}: connect through Redis Sentinel and follow failovers (rules-v1 §10).
 *
 * @param master the name the sentinels monitor the master under
 * @param nodes  sentinel addresses, {@code host:port} (at least one)
 */
public record RedisSentinel(String master, List<String> nodes) {
    public RedisSentinel {
        nodes = List.copyOf(nodes);
    }
}
