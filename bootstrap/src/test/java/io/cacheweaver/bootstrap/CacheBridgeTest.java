package io.cacheweaver.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge woven code calls: it forwards, and never lets anything reach the application. */
class CacheBridgeTest {

    @AfterEach
    void uninstall() {
        CacheBridge.install(null);
    }

    @Test
    void withNoDispatcherInstalledEveryCallIsAMissAndExitDoesNothing() {
        CacheBridge.install(null);
        assertSame(Dispatcher.NONE, CacheBridge.installed());
        assertNull(CacheBridge.enter(1, this, new Object[] {42L}));
        assertNull(CacheBridge.enter1(1, this, 42L));
        assertNull(CacheBridge.enter2(1, this, 42L, "x"));
        assertNull(CacheBridge.enter3(1, this, 42L, "x", null));
        assertNull(CacheBridge.enter2L(1, this, 42L, "x"));
        assertNull(CacheBridge.enter3L(1, this, 42L, "x", null));
        assertNull(CacheBridge.enter(1, null, null), "static method, no arguments");
        assertDoesNotThrow(() -> CacheBridge.exit(1, new Object(), "result", null));
        assertDoesNotThrow(() -> CacheBridge.exit(1, null, null, new IllegalStateException("the method's own")));
    }

    @Test
    void callsReachTheInstalledDispatcherWithTheirArgumentsAndAHitComesBackAsIs() {
        Recording recording = new Recording();
        CacheBridge.install(recording);
        CacheHit hit = new CacheHit(null); // a cached null is still a hit
        recording.answer = hit;
        Object[] args = {7L, "x"};
        assertSame(hit, CacheBridge.enter(3, "self", args));
        assertSame(hit, CacheBridge.enter1(4, "self", 8L));
        assertSame(hit, CacheBridge.enter2(6, "self", 9L, null));
        assertSame(hit, CacheBridge.enter3(7, "self", 10L, "y", 3));
        assertSame(hit, CacheBridge.enter2L(8, "self", 11L, "z"));
        assertSame(hit, CacheBridge.enter3L(9, "self", 12L, null, 4));
        Object token = new Object();
        RuntimeException thrown = new RuntimeException("the method's own");
        CacheBridge.exit(5, token, "result", thrown);
        assertEquals(List.of("enter 3 self [7, x]", "enter1 4 self 8", "enter2 6 self 9 null", "enter3 7 self 10 y 3",
                "enter2L 8 self 11 z", "enter3L 9 self 12 null 4",
                "exit 5 result the method's own"), recording.calls);
        assertSame(token, recording.lastToken);
    }

    @Test
    void aNullTokenSkipsExitEntirely() {
        Recording recording = new Recording();
        CacheBridge.install(recording);
        CacheBridge.exit(1, null, "result", null);
        assertEquals(List.of(), recording.calls, "enter said: nothing to do after the body");
    }

    @Test
    void whateverTheDispatcherThrowsIsContained() {
        for (Throwable failure : List.of(new IllegalStateException("bug"), new StackOverflowError(),
                new NoClassDefFoundError("missing"), new OutOfMemoryError("simulated"), new java.io.IOException("checked"))) {
            CacheBridge.install(new Dispatcher() {
                @Override
                public Object enter(int site, Object self, Object[] args) {
                    throw sneaky(failure);
                }

                @Override
                public Object enter1(int site, Object self, Object argument) {
                    throw sneaky(failure);
                }

                @Override
                public Object enter2(int site, Object self, Object first, Object second) {
                    throw sneaky(failure);
                }

                @Override
                public Object enter3(int site, Object self, Object first, Object second, Object third) {
                    throw sneaky(failure);
                }

                @Override
                public Object enter3L(int site, Object self, long first, Object second, Object third) {
                    throw sneaky(failure);
                }

                @Override
                public void exit(int site, Object token, Object result, Throwable thrown) {
                    throw sneaky(failure);
                }
            });
            assertNull(CacheBridge.enter(1, this, new Object[] {1}), "a failing enter is a miss: " + failure);
            assertNull(CacheBridge.enter1(1, this, 1), "a failing enter1 is a miss: " + failure);
            assertNull(CacheBridge.enter2(1, this, 1, 2), "a failing enter2 is a miss: " + failure);
            assertNull(CacheBridge.enter3(1, this, 1, 2, 3), "a failing enter3 is a miss: " + failure);
            assertNull(CacheBridge.enter2L(1, this, 1L, 2), "a failing enter2L (through enter2) is a miss: " + failure);
            assertNull(CacheBridge.enter3L(1, this, 1L, 2, 3), "a failing enter3L is a miss: " + failure);
            assertDoesNotThrow(() -> CacheBridge.exit(1, new Object(), "result", null), failure.toString());
        }
    }

    @Test
    void theDefaultEnter1To3PassTheirArgumentsAsAnArray() {
        List<Object[]> seen = new ArrayList<>();
        CacheBridge.install(new Dispatcher() { // implements enter only, as a runtime without a one-argument path
            @Override
            public Object enter(int site, Object self, Object[] args) {
                seen.add(args);
                return "token";
            }

            @Override
            public void exit(int site, Object token, Object result, Throwable thrown) {
            }
        });
        assertEquals("token", CacheBridge.enter1(2, null, "only"));
        assertEquals("token", CacheBridge.enter2(2, null, "one", null));
        assertEquals("token", CacheBridge.enter3(2, null, 1L, "two", 3));
        assertEquals("token", CacheBridge.enter2L(2, null, 4L, "five"));
        assertEquals("token", CacheBridge.enter3L(2, null, 6L, null, 7));
        assertEquals(5, seen.size());
        assertArrayEquals(new Object[] {"only"}, seen.get(0));
        assertArrayEquals(new Object[] {"one", null}, seen.get(1));
        assertArrayEquals(new Object[] {1L, "two", 3}, seen.get(2));
        assertArrayEquals(new Object[] {4L, "five"}, seen.get(3), "the long boxed as a Long, as the generic advice boxes it");
        assertArrayEquals(new Object[] {6L, null, 7}, seen.get(4));
    }

    /** Also a checked exception, as a buggy runtime class compiled against other signatures could throw. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static final class Recording implements Dispatcher {
        final List<String> calls = new ArrayList<>();
        Object answer;
        Object lastToken;

        @Override
        public Object enter(int site, Object self, Object[] args) {
            calls.add("enter " + site + " " + self + " " + java.util.Arrays.toString(args));
            return answer;
        }

        @Override
        public Object enter1(int site, Object self, Object argument) {
            calls.add("enter1 " + site + " " + self + " " + argument);
            return answer;
        }

        @Override
        public Object enter2(int site, Object self, Object first, Object second) {
            calls.add("enter2 " + site + " " + self + " " + first + " " + second);
            return answer;
        }

        @Override
        public Object enter3(int site, Object self, Object first, Object second, Object third) {
            calls.add("enter3 " + site + " " + self + " " + first + " " + second + " " + third);
            return answer;
        }

        @Override
        public Object enter2L(int site, Object self, long first, Object second) {
            calls.add("enter2L " + site + " " + self + " " + first + " " + second);
            return answer;
        }

        @Override
        public Object enter3L(int site, Object self, long first, Object second, Object third) {
            calls.add("enter3L " + site + " " + self + " " + first + " " + second + " " + third);
            return answer;
        }

        @Override
        public void exit(int site, Object token, Object result, Throwable thrown) {
            lastToken = token;
            calls.add("exit " + site + " " + result + " " + (thrown == null ? "-" : thrown.getMessage()));
        }
    }
}
