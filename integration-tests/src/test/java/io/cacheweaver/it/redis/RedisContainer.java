package io.cacheweaver.it.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A throwaway Redis in a Docker container, for machines that have Docker but no redis-server.
 * Only touched after {@link #dockerLikely()} says yes, so that machines without Docker never pay
 * for Testcontainers' environment probing (or see its log lines).
 */
final class RedisContainer implements AutoCloseable {
    private static final String IMAGE = "redis:7.0-alpine";

    private final GenericContainer<?> container;

    private RedisContainer(GenericContainer<?> container) {
        this.container = container;
    }

    /** A cheap look for a Docker engine: an explicit DOCKER_HOST, or the default socket. */
    static boolean dockerLikely() {
        String host = System.getenv("DOCKER_HOST");
        return host != null && !host.isBlank() || Files.exists(Path.of("/var/run/docker.sock"));
    }

    /** A running container, or {@code null} when Docker turns out not to be usable. */
    static RedisContainer startIfPossible() {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(6379)
                    .withCommand("redis-server", "--save", "", "--appendonly", "no");
            container.start();
            return new RedisContainer(container);
        } catch (RuntimeException e) {
            return null; // e.g. no image can be pulled: fall back to a local redis-server process
        }
    }

    RedisServer server() {
        return RedisServer.external(container.getHost(), container.getMappedPort(6379), null);
    }

    @Override
    public void close() {
        container.stop();
    }
}
