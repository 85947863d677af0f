package bench.app;

import java.util.concurrent.locks.LockSupport;

/** What one UPDATE costs the calling thread: a 1 ms round trip (parked, as a thread waiting on a socket is). */
public final class DatabaseWrite {
    private DatabaseWrite() {
    }

    public static void take() {
        LockSupport.parkNanos(1_000_000);
    }
}
