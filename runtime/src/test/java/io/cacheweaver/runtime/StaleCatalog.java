package io.cacheweaver.runtime;

/** The "application" of {@link StaleSetRaceTest}: only its signatures matter, the test plays the bodies. */
public class StaleCatalog {
    public String find(long id) {
        throw new UnsupportedOperationException();
    }

    public String save(long id, String text) {
        return text;
    }

    public void remove(long id) {
    }

    public void reloadAll() {
    }
}
