package bench.app;

/**
 * P7: a class no rule names. With the agent attached it must run unchanged and as fast.
 * Self-contained on purpose (it does not call into the woven PriceBook).
 */
public class Untouched {
    public long checksum(long seed) {
        long x = seed;
        for (int i = 0; i < 8; i++) {
            x += i;
            x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
            x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
            x ^= x >>> 31;
        }
        return x;
    }
}
