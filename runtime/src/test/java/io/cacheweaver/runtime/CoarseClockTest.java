package io.cacheweaver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The local layer's clock, stepped by hand (no thread is started here): real reads until a
 * window of reads reaches the threshold, then the last sample until the next sample, and real
 * reads again as soon as the next window opens.
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
    void theNextWindowGoesBackToRealReadsAtOnce() {
        CoarseClock clock = new CoarseClock(1);
        clock.openWindow();
        clock.read();
        assertTrue(clock.closeWindow());
        long sample = clock.read();
        spinUntilPast(sample);
        clock.openWindow();
        assertTrue(clock.read() > sample, "a window counts real reads, so it answers the real time");
    }

    private static void spinUntilPast(long moment) {
        while (System.nanoTime() <= moment) {
            Thread.onSpinWait();
        }
    }
}
