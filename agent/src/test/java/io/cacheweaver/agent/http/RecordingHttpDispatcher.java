package io.cacheweaver.agent.http;

import io.cacheweaver.bootstrap.HttpDispatcher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What woven server code asked the HTTP bridge, in order; answers as a test sets it up. */
final class RecordingHttpDispatcher implements HttpDispatcher {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Throwable> exits = new CopyOnWriteArrayList<>();
    volatile Class<?> servletType;
    /** What servletEnter answers: the exchange, or null when no rule applies. */
    volatile Object exchange = "exchange";
    /** What servletResponse and jdkExchange answer. */
    volatile Object replacement;
    /** Thrown from every method when set. */
    volatile RuntimeException failure;

    @Override
    public Object servletEnter(Class<?> servletType, Object request, Object response) {
        this.servletType = servletType;
        calls.add("enter");
        failIfAsked();
        return exchange;
    }

    @Override
    public Object servletResponse(Object exchange) {
        calls.add("response " + exchange);
        failIfAsked();
        return replacement;
    }

    @Override
    public void servletExit(Object exchange, Throwable thrown) {
        calls.add("exit " + exchange);
        exits.add(thrown == null ? new NoThrowable() : thrown);
        failIfAsked();
    }

    @Override
    public Object jdkExchange(Object exchange) {
        calls.add("jdkExchange");
        failIfAsked();
        return replacement;
    }

    private void failIfAsked() {
        if (failure != null) {
            throw failure;
        }
    }

    /** Recorded for an exit with {@code thrown == null}. */
    static final class NoThrowable extends Throwable {
        NoThrowable() {
            super("none", null, false, false);
        }
    }
}
