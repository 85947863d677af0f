package io.cacheweaver.it.redis;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class a real Redis as a {@link RedisServer} parameter: {@code REDIS_URL} when
 * set; else a Testcontainers Redis when Docker is available; else a {@code redis-server} process
 * of its own on a free port (never the system Redis on 6379, never FLUSHALL). Only the local
 * process can be killed, frozen and restarted: tests that need that skip themselves otherwise.
 * Fails with a clear message when none of the three works.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (System.getenv("REDIS_URL") == null && RedisContainer.dockerLikely()) {
            RedisContainer container = RedisContainer.startIfPossible();
            if (container != null) {
                context.getStore(NAMESPACE).put("container", container);
                context.getStore(NAMESPACE).put("server", container.server());
                return;
            }
        }
        context.getStore(NAMESPACE).put("server", provide());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        RedisServer server = context.getStore(NAMESPACE).remove("server", RedisServer.class);
        if (server != null) {
            server.stop();
        }
        RedisContainer container = context.getStore(NAMESPACE).remove("container", RedisContainer.class);
        if (container != null) {
            container.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get("server", RedisServer.class);
    }

    private static RedisServer provide() throws InterruptedException {
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url);
            String info = uri.getUserInfo();
            String password = info == null ? null : info.substring(info.indexOf(':') + 1);
            return RedisServer.external(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), password);
        }
        try {
            return RedisServer.startLocal(List.of());
        } catch (IOException e) {
            throw new ExtensionConfigurationException("no Redis for the Redis tests: set REDIS_URL, or install redis-server"
                    + " (apt-get install redis-server; it is started on a free port, not as a service): " + e.getMessage(), e);
        }
    }
}
