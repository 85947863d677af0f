package io.cacheweaver.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final List<String> events = new ArrayList<>();
    private final CircuitBreaker.Transitions log = new CircuitBreaker.Transitions() {
        @Override
        public void opened(int failures) {
            events.add("open");
        }

        @Override
        public void closed() {
            events.add("closed");
        }
    };

    @Test
    void opensAfterConsecutiveFailuresOnlyAndASuccessResetsTheCount() {
        CircuitBreaker breaker = new CircuitBreaker(3, TimeUnit.HOURS.toNanos(1), log);
        breaker.failure();
        breaker.failure();
        breaker.success();
        breaker.failure();
        breaker.failure();
        assertTrue(breaker.allow());
        breaker.failure();
        assertFalse(breaker.allow(), "open: Redis is skipped");
        assertEquals(List.of("open"), events);
    }

    @Test
    void afterTheCooldownOneProbeDecides() {
        CircuitBreaker breaker = new CircuitBreaker(1, 0, log); // cooldown over at once
        breaker.failure();
        assertTrue(breaker.allow(), "the probe");
        breaker.failure();
        assertTrue(breaker.isOpen());
        assertTrue(breaker.allow(), "the next probe");
        breaker.success();
        assertFalse(breaker.isOpen());
        assertEquals(List.of("open", "closed"), events);
    }

    @Test
    void onlyOneProbePerCooldown() {
        CircuitBreaker breaker = new CircuitBreaker(1, TimeUnit.MILLISECONDS.toNanos(50), log);
        breaker.failure();
        assertFalse(breaker.allow());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!breaker.allow()) {
            assertTrue(System.nanoTime() < deadline, "no probe within the cooldown");
            Thread.onSpinWait();
        }
        assertFalse(breaker.allow(), "a second caller in the same cooldown is not a probe");
    }
}
