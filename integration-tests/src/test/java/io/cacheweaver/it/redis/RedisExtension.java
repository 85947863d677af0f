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
 * set, else a {@code redis-server} process of its own on a free port (never the system Redis on
 * 6379, never FLUSHALL). Testcontainers is not tried: this project's machines have no Docker and
 * the local process covers the same ground faster. Fails with a clear message when neither works.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getStore(NAMESPACE).put("server", provide());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        RedisServer server = context.getStore(NAMESPACE).remove("server", RedisServer.class);
        if (server != null) {
            server.stop();
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
