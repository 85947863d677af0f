package bench.app;

import java.util.concurrent.atomic.AtomicInteger;

/** P5: a slow "database" method (50 ms). Woven by the stampede rule; counts how often its body runs. */
public class SlowSource {
    public static final AtomicInteger CALLS = new AtomicInteger();

    public String load(String key) {
        CALLS.incrementAndGet();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "value-of-" + key;
    }
}
