package org.hibernate.proxy;

/** A stand-in with Hibernate's name and shape, so the runtime's tests need no Hibernate. */
public interface HibernateProxy {
    Object getHibernateLazyInitializer();
}
