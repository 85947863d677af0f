package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.rules.WriteBehind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue's own logic, with plain bodies: coalescing, per-key order, the bound, retries, read-your-writes and flush. */
class WriteBehindQueueTest {
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(4, ReplayThread.factory("test-writer"));
    private final WriteBehindQueue queue = new WriteBehindQueue(executor);
    private final SiteCounters counters = new SiteCounters("rule");
    private final AtomicInteger quota = new AtomicInteger();
    /** "key=value@thread" per body run, in the order they ran. */
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static WriteBehind settings(long delayMillis, int maxQueue, int retries) {
        return new WriteBehind(Duration.ofMillis(delayMillis), maxQueue, retries, Duration.ofSeconds(5));
    }

    private interface Body {
        void run(TestWrite write) throws Throwable;
    }

    private final class TestWrite extends PendingWrite {
        private final Body body;
        final CountDownLatch ended = new CountDownLatch(1);
        volatile Throwable gaveUpWith;
        volatile boolean superseded;

        TestWrite(String key, String value, WriteBehind settings, Body body) {
            super(key, value, settings, WriteBehindQueueTest.this.counters, quota);
            this.body = body;
        }

        @Override
        void runBody() throws Throwable {
            ran.add(slot + "=" + value + "@" + Thread.currentThread().getName().replaceAll("[0-9]+$", "N"));
            body.run(this);
        }

        @Override
        void written() {
            ended.countDown();
        }

        @Override
        void gaveUp(Throwable last, boolean superseded) {
            this.gaveUpWith = last;
            this.superseded = superseded;
            ended.countDown();
        }
    }

    private TestWrite write(String key, String value, WriteBehind settings) {
        return new TestWrite(key, value, settings, w -> { });
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(5, TimeUnit.SECONDS), "timed out");
    }

    @Test
    void callsForOneKeyWithinTheDelayAreCoalescedAndOnlyTheLastBodyRuns() throws Exception {
        WriteBehind settings = settings(300, 100, 0);
        TestWrite last = null;
        for (int i = 1; i <= 100; i++) {
            last = write("a", "v" + i, settings);
            assertTrue(queue.submit(last));
        }
        assertEquals(1, counters.writeBehindPending.sum(), "one write waits, after coalescing");
        assertEquals("v100", queue.pendingValue("a"), "readers see the latest call's value");
        await(last.ended);
        assertEquals(List.of("a=v100@test-writer-N"), ran);
        assertEquals(99, counters.writeBehindCoalesced.sum());
        assertEquals(1, counters.writeBehindWritten.sum());
        assertEquals(0, counters.writeBehindPending.sum());
        assertEquals(0, quota.get());
        assertEquals(0, queue.flush(Duration.ofSeconds(5)).remaining(), "the slot empties right after the hook");
        assertSame(PendingWrite.NO_VALUE, queue.pendingValue("a"), "nothing pending once written");
    }

    @Test
    void aCallWhileTheKeysBodyRunsWaitsForItAndBodiesOfOneKeyNeverOverlap() throws Exception {
        WriteBehind settings = settings(10, 100, 0);
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        Body tracked = w -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            if (w.value.equals("v1")) {
                inFirst.countDown();
                releaseFirst.await();
            }
            inside.decrementAndGet();
        };
        assertTrue(queue.submit(new TestWrite("a", "v1", settings, tracked)));
        await(inFirst);
        assertEquals("v1", queue.pendingValue("a"), "a running write is still what readers see");
        TestWrite second = new TestWrite("a", "v2", settings, tracked);
        TestWrite third = new TestWrite("a", "v3", settings, tracked);
        assertTrue(queue.submit(second));
        assertTrue(queue.submit(third));
        assertEquals("v3", queue.pendingValue("a"));
        Thread.sleep(100); // well past the delay: v3 must still wait for v1
        assertEquals(1, ran.size(), ran.toString());
        releaseFirst.countDown();
        await(third.ended);
        assertEquals(List.of("a=v1@test-writer-N", "a=v3@test-writer-N"), ran);
        assertEquals(1, maxInside.get(), "bodies of one key never overlap");
        assertEquals(1, counters.writeBehindCoalesced.sum());
    }

    @Test
    void atMaxQueueANewKeyIsRefusedButACallForAWaitingKeyIsStillCoalesced() throws Exception {
        WriteBehind settings = settings(60_000, 2, 0);
        assertTrue(queue.submit(write("a", "1", settings)));
        assertTrue(queue.submit(write("b", "1", settings)));
        assertFalse(queue.submit(write("c", "1", settings)), "the third waiting write is refused: the caller runs it");
        assertTrue(queue.submit(write("a", "2", settings)), "coalescing adds nothing to the queue");
        assertEquals(2, quota.get());
        assertEquals(2, counters.writeBehindPending.sum());
        assertSame(PendingWrite.NO_VALUE, queue.pendingValue("c"));
        WriteBehindQueue.FlushReport report = queue.flush(Duration.ofSeconds(5));
        assertEquals(2, report.written());
        assertEquals(0, report.remaining());
        assertEquals(0, quota.get());
        assertTrue(queue.submit(write("c", "1", settings)), "room again once the others started");
    }

    @Test
    void aBodyThatFailsTwiceIsRetriedWithBackoffAndThenWritten() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        TestWrite flaky = new TestWrite("a", "v", settings(10, 100, 3), w -> {
            if (runs.incrementAndGet() <= 2) {
                throw new IllegalStateException("database unavailable");
            }
        });
        long start = System.nanoTime();
        assertTrue(queue.submit(flaky));
        await(flaky.ended);
        assertEquals(3, runs.get());
        assertEquals(3, flaky.attempts);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "backoff 100 ms, then 200 ms");
        assertEquals(1, counters.writeBehindWritten.sum());
        assertEquals(0, counters.writeBehindFailures.sum());
        assertEquals(null, flaky.gaveUpWith);
    }

    @Test
    void aBodyThatAlwaysFailsIsGivenUpAfterOnePlusRetriesRuns() throws Exception {
        TestWrite broken = new TestWrite("a", "v", settings(10, 100, 1), w -> {
            throw new IllegalStateException("constraint violated");
        });
        assertTrue(queue.submit(broken));
        await(broken.ended);
        assertEquals(2, broken.attempts);
        assertTrue(broken.gaveUpWith instanceof IllegalStateException);
        assertFalse(broken.superseded);
        assertEquals(1, counters.writeBehindFailures.sum());
        assertEquals(0, counters.writeBehindWritten.sum());
        assertEquals(0, queue.flush(Duration.ofSeconds(5)).remaining(), "the slot empties right after the hook");
        assertSame(PendingWrite.NO_VALUE, queue.pendingValue("a"), "a given-up write is no longer what readers see");
    }

    @Test
    void flushStartsEveryWaitingWriteNowAndWaitsForThem() throws Exception {
        WriteBehind settings = settings(3_600_000, 100, 0);
        for (String key : List.of("a", "b", "c")) {
            assertTrue(queue.submit(new TestWrite(key, "v", settings, w -> Thread.sleep(50))));
        }
        assertEquals(3, queue.pending());
        assertEquals(Duration.ofSeconds(5), queue.longestFlushTimeout());
        WriteBehindQueue.FlushReport report = queue.flush(Duration.ofSeconds(5));
        assertEquals(3, report.written());
        assertEquals(0, report.remaining());
        assertEquals(3, ran.size());
        assertEquals(null, queue.longestFlushTimeout(), "nothing pending");
    }

    @Test
    void aFlushIsBoundedByItsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        assertTrue(queue.submit(new TestWrite("a", "v", settings(10, 100, 0), w -> release.await())));
        WriteBehindQueue.FlushReport report = queue.flush(Duration.ofMillis(200));
        assertEquals(1, report.remaining(), "the stuck write is still pending");
        assertTrue(report.millis() < 2_000, "returned at its timeout: " + report.millis());
        release.countDown();
    }

    @Test
    void aCallerThatRunsItsBodyItselfWaitsForTheKeysRunningWrite() throws Exception {
        CountDownLatch inBody = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        assertTrue(queue.submit(new TestWrite("a", "v", settings(1, 100, 0), w -> {
            inBody.countDown();
            release.await();
        })));
        await(inBody);
        assertFalse(queue.awaitRunning("a", TimeUnit.MILLISECONDS.toNanos(50)), "bounded: gives up waiting");
        release.countDown();
        assertTrue(queue.awaitRunning("a", TimeUnit.SECONDS.toNanos(5)));
        assertTrue(queue.awaitRunning("b", 0), "nothing runs for another key");
    }
}
