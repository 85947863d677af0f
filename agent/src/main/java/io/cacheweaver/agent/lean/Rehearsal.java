package io.cacheweaver.agent.lean;

/**
 * What {@link LeanWeaver#rehearse} weaves while premain reads the rules: never loaded, only its
 * class file read. One method of each kind of advice, with a handler and a loop (frames).
 */
final class Rehearsal {
    private Rehearsal() {
    }

    Object find(long id, String name) {
        try {
            return name + id;
        } catch (RuntimeException e) {
            return null;
        }
    }

    void forget(int times) {
        for (int i = 0; i < times; i++) {
            Thread.onSpinWait();
        }
    }
}
