package org.hibernate.collection.spi;

/** A stand-in with Hibernate's name and shape, so the runtime's tests need no Hibernate. */
public interface PersistentCollection {
    boolean wasInitialized();
}
