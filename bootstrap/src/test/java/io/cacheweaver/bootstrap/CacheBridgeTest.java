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
        Object token = new Object();
        RuntimeException thrown = new RuntimeException("the method's own");
        CacheBridge.exit(5, token, "result", thrown);
        assertEquals(List.of("enter 3 self [7, x]", "enter1 4 self 8", "exit 5 result the method's own"), recording.calls);
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
                public void exit(int site, Object token, Object result, Throwable thrown) {
                    throw sneaky(failure);
                }
            });
            assertNull(CacheBridge.enter(1, this, new Object[] {1}), "a failing enter is a miss: " + failure);
            assertNull(CacheBridge.enter1(1, this, 1), "a failing enter1 is a miss: " + failure);
            assertDoesNotThrow(() -> CacheBridge.exit(1, new Object(), "result", null), failure.toString());
        }
    }

    @Test
    void theDefaultEnter1PassesItsArgumentAsAOneElementArray() {
        Object[][] seen = new Object[1][];
        CacheBridge.install(new Dispatcher() { // implements enter only, as a runtime without a one-argument path
            @Override
            public Object enter(int site, Object self, Object[] args) {
                seen[0] = args;
                return "token";
            }

            @Override
            public void exit(int site, Object token, Object result, Throwable thrown) {
            }
        });
        assertEquals("token", CacheBridge.enter1(2, null, "only"));
        assertArrayEquals(new Object[] {"only"}, seen[0]);
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
        public void exit(int site, Object token, Object result, Throwable thrown) {
            lastToken = token;
            calls.add("exit " + site + " " + result + " " + (thrown == null ? "-" : thrown.getMessage()));
        }
    }
}
