package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The local layer's clock, stepped by hand (no thread is started here): real reads until a
 * window of reads reaches the threshold, then the last sample until the next sample, through
 * the next window too (its reads counted), and real reads again once a window is quiet.
 */
class CoarseClockTest {

    @Test
    void aClockThatIsNotSamplingReadsTheRealClock() {
        CoarseClock clock = new CoarseClock(3);
        long before = System.nanoTime();
        assertTrue(clock.read() >= before, "the time of the read, not an old sample");
    }

    @Test
    void aWindowWithFewerReadsThanTheThresholdKeepsRealReads() {
        CoarseClock clock = new CoarseClock(3);
        clock.openWindow();
        clock.read();
        clock.read();
        assertFalse(clock.closeWindow(), "two reads, threshold three: not worth sampling");
        long before = System.nanoTime();
        assertTrue(clock.read() >= before, "still real reads");
    }

    @Test
    void aBusyWindowSwitchesToTheSampleUntilTheNextSample() {
        CoarseClock clock = new CoarseClock(3);
        clock.openWindow();
        clock.read();
        clock.read();
        clock.read();
        long beforeClose = System.nanoTime();
        assertTrue(clock.closeWindow(), "three reads: sample");
        long sample = clock.read();
        assertTrue(sample >= beforeClose, "the sample is taken when sampling starts");
        spinUntilPast(System.nanoTime());
        assertEquals(sample, clock.read(), "between samples every read answers the same sample");

        long beforeNext = System.nanoTime();
        clock.sample();
        assertTrue(clock.read() >= beforeNext, "the next sample moves the clock on");
    }

    @Test
    void aSamplingClockAnswersItsSampleThroughTheNextWindowAndCountsThoseReads() {
        CoarseClock clock = new CoarseClock(2);
        busyWindow(clock);
        long sample = clock.read();
        spinUntilPast(sample);
        clock.openWindow();
        assertEquals(sample, clock.read(), "a busy cache is not sent back to the real clock to be counted");
        assertEquals(sample, clock.read());
        assertTrue(clock.closeWindow(), "the two reads of the window were counted: still busy");
        assertEquals(sample, clock.read(), "still sampling, until the next sample");
    }

    @Test
    void aQuietWindowAfterABusyOneGoesBackToRealReads() {
        CoarseClock clock = new CoarseClock(2);
        busyWindow(clock);
        long sample = clock.read();
        clock.openWindow();
        clock.read();
        assertFalse(clock.closeWindow(), "one read, threshold two");
        spinUntilPast(sample);
        assertTrue(clock.read() > sample, "real reads again");
    }

    private static void busyWindow(CoarseClock clock) {
        clock.openWindow();
        clock.read();
        clock.read();
        assertTrue(clock.closeWindow());
    }

    private static void spinUntilPast(long moment) {
        while (System.nanoTime() <= moment) {
            Thread.onSpinWait();
        }
    }
}
