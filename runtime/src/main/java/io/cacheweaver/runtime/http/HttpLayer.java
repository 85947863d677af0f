package io.cacheweaver.runtime.http;

import io.cacheweaver.bootstrap.HttpDispatcher;
import io.cacheweaver.rules.RulesFile;
import io.cacheweaver.rules.http.CdnPurge;
import io.cacheweaver.rules.http.HttpRule;
import io.cacheweaver.runtime.AgentLog;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP layer behind {@link io.cacheweaver.bootstrap.HttpBridge}: finds the {@code http:} rule of
 * each request and hands the response to a {@link ServletExchange} or {@link JdkExchange}; owns the
 * CDN purger. One per agent; {@link #installed()} is how evict rules and the MBeans reach it.
 */
public final class HttpLayer implements HttpDispatcher {
    private static final java.util.regex.Pattern PATH_PARAMETERS = java.util.regex.Pattern.compile(";[^/]*");
    private static volatile HttpLayer installed;

    private final HttpRules rules = new HttpRules();
    private final int etagLimit;
    private final int purgeQueue;
    private final int purgeRetries;
    private final ThreadLocal<Boolean> inService = new ThreadLocal<>();
    private volatile ServletWrappers wrappers;
    private volatile CdnPurger purger;

    private record ServletCall(ServletExchange exchange, Object wrapper, Object request, ServletApi api) {
    }

    public HttpLayer(RulesFile rulesFile, int etagLimit, int purgeQueue, int purgeRetries) {
        this.etagLimit = etagLimit;
        this.purgeQueue = purgeQueue;
        this.purgeRetries = purgeRetries;
        reload(rulesFile);
    }

    /** Makes this the layer evict rules and MBeans use. */
    public static void install(HttpLayer layer) {
        installed = layer;
    }

    /** The installed layer, or {@code null} before the agent started one. */
    public static HttpLayer installed() {
        return installed;
    }

    /** Queues a CDN purge through the installed layer; does nothing without {@code cdn.purge}. Never throws. */
    public static void purgeInstalled(Collection<String> tags, Collection<String> paths) {
        HttpLayer layer = installed;
        if (layer != null) {
            layer.purge(tags, paths);
        }
    }

    public void useServletWrappers(ServletWrappers factory) {
        this.wrappers = factory;
    }

    /** Takes the new file's {@code http:} rules and {@code cdn:} settings. */
    public synchronized void reload(RulesFile rulesFile) {
        rules.swap(rulesFile.http().rules());
        CdnPurge next = rulesFile.http().purge();
        CdnPurger current = purger;
        if (current != null && !Objects.equals(current.settings(), next)) {
            current.stop();
            current = null;
        }
        if (current == null && next != null) {
            current = new CdnPurger(next, purgeQueue, purgeRetries);
        }
        purger = current;
    }

    public List<HttpRule> rules() {
        return rules.all();
    }

    /** The counters of rule {@code id}, or {@code null} when no such rule is in force. */
    public HttpCounters counters(String id) {
        return rules.counters(id);
    }

    public CdnPurger purger() {
        return purger;
    }

    public void purge(Collection<String> tags, Collection<String> paths) {
        try {
            CdnPurger current = purger;
            if (current != null) {
                current.purge(tags, paths);
            }
        } catch (Throwable t) {
            AgentLog.warnRateLimited("cdn-purge-queue", "cdn purge: could not queue: " + AgentLog.describe(t));
        }
    }

    @Override
    public Object servletEnter(Class<?> servletType, Object request, Object response) {
        ServletWrappers factory = wrappers;
        if (rules.isEmpty() || factory == null || inService.get() != null) {
            return null; // a forward or include inside a request already handled, or nothing to do
        }
        ServletApi api = ServletApi.of(servletType);
        if (api == null || !api.requestType.isInstance(request) || !api.responseType.isInstance(response)) {
            return null;
        }
        try {
            if (!"REQUEST".equals(String.valueOf((Object) api.getDispatcherType.invokeExact(request)))) {
                return null; // an async dispatch or an error page: the original request had its turn
            }
            String method = (String) api.getMethod.invokeExact(request);
            String uri = (String) api.getRequestUri.invokeExact(request);
            if (uri != null && uri.indexOf(';') >= 0) {
                uri = PATH_PARAMETERS.matcher(uri).replaceAll(""); // /products/42;jsessionid=… is /products/42
            }
            HttpRoute route = rules.route(method, uri);
            if (route == null) {
                return null;
            }
            route = route.withIfNoneMatch((String) api.getRequestHeader.invokeExact(request, "If-None-Match"));
            ServletExchange exchange = new ServletExchange(api, route, response, factory, etagLimit);
            Object wrapper = factory.response(servletType, response, exchange);
            inService.set(Boolean.TRUE);
            return new ServletCall(exchange, wrapper, request, api);
        } catch (Throwable t) {
            AgentLog.warnRateLimited("http-servlet-enter", "http: a response passed through untouched: " + AgentLog.describe(t));
            return null;
        }
    }

    @Override
    public Object servletResponse(Object call) {
        return call instanceof ServletCall c ? c.wrapper() : null;
    }

    @Override
    public void servletExit(Object call, Throwable thrown) {
        if (!(call instanceof ServletCall c)) {
            return;
        }
        inService.remove();
        try {
            if (thrown != null) {
                c.exchange().abandon();
            } else if ((boolean) c.api().isAsyncStarted.invokeExact(c.request())) {
                c.exchange().continueAsync();
            } else {
                c.exchange().finish();
            }
        } catch (Throwable t) {
            AgentLog.warnRateLimited("http-servlet-exit", "http: could not complete a response: " + AgentLog.describe(t));
        }
    }

    @Override
    public Object jdkExchange(Object exchange) {
        if (rules.isEmpty()) {
            return exchange;
        }
        return JdkServer.wrap(exchange, rules, etagLimit);
    }
}
