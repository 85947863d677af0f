package io.cacheweaver.agent;

import io.cacheweaver.bootstrap.Dispatcher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** What the woven code asked the bridge for, in order. */
final class RecordingDispatcher implements Dispatcher {
    final List<String> calls = new CopyOnWriteArrayList<>();
    Function<Object, Object> onEnter = argument -> "token";
    /** What {@link #complete} answers: a {@code CacheHit} replaces the method's outcome. */
    Function<Throwable, Object> onComplete = thrown -> null;

    @Override
    public Object enter(int site, Object self, Object[] args) {
        calls.add("enter " + site + " " + java.util.Arrays.toString(args));
        return onEnter.apply(args);
    }

    @Override
    public Object enter1(int site, Object self, Object argument) {
        calls.add("enter1 " + site + " " + argument);
        return onEnter.apply(argument);
    }

    @Override
    public Object enter2(int site, Object self, Object first, Object second) {
        calls.add("enter2 " + site + " " + first + " " + second);
        return onEnter.apply(first);
    }

    @Override
    public Object enter3(int site, Object self, Object first, Object second, Object third) {
        calls.add("enter3 " + site + " " + first + " " + second + " " + third);
        return onEnter.apply(first);
    }

    @Override
    public Object enter3L(int site, Object self, long first, Object second, Object third) {
        calls.add("enter3L " + site + " " + first + " " + second + " " + third);
        return onEnter.apply(first);
    }

    @Override
    public void exit(int site, Object token, Object result, Throwable thrown) {
        calls.add("exit " + site + " " + token + " " + result + " " + (thrown == null ? "-" : thrown.getClass().getSimpleName()));
    }

    @Override
    public Object complete(int site, Object token, Object result, Throwable thrown) {
        exit(site, token, result, thrown);
        return onComplete.apply(thrown);
    }
}
