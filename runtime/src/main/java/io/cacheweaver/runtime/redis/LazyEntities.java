package io.cacheweaver.runtime.redis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.reflect.Method;

/**
 * Keeps JPA's lazy parts out of Redis without depending on Hibernate (found by class and
 * interface names, called by reflection). Writing an uninitialised lazy proxy or collection would
 * run a query (or throw, outside a session) just because the agent looked at it: such a value is
 * refused, so it stays in the local layer only. An initialised proxy is written as the entity it
 * stands for, an initialised collection as its elements. Nothing here ever initialises anything:
 * only {@code isUninitialized()} / {@code wasInitialized()} and {@code getImplementation()} of
 * an initialised proxy are called.
 */
final class LazyEntities {
    static final String PROXY = "org.hibernate.proxy.HibernateProxy";
    static final String COLLECTION = "org.hibernate.collection.spi.PersistentCollection";

    private static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            if (implementsNamed(type, PROXY)) {
                return Kind.PROXY;
            }
            return implementsNamed(type, COLLECTION) ? Kind.COLLECTION : Kind.PLAIN;
        }
    };

    enum Kind { PLAIN, PROXY, COLLECTION }

    private LazyEntities() {
    }

    static Kind kind(Class<?> type) {
        return KINDS.get(type);
    }

    /** {@code value} itself, or the entity an initialised proxy stands for; throws for anything uninitialised. */
    static Object unwrap(Object value) throws IOException {
        if (value == null) {
            return null;
        }
        switch (kind(value.getClass())) {
            case PROXY -> {
                Object initializer = call(value, "getHibernateLazyInitializer");
                if (Boolean.TRUE.equals(call(initializer, "isUninitialized"))) {
                    throw new UninitializedLazyValue("an uninitialised JPA lazy proxy of " + value.getClass().getSuperclass().getName());
                }
                return call(initializer, "getImplementation");
            }
            case COLLECTION -> {
                if (!Boolean.TRUE.equals(call(value, "wasInitialized"))) {
                    throw new UninitializedLazyValue("an uninitialised JPA lazy collection (" + value.getClass().getSimpleName() + ")");
                }
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    private static Object call(Object target, String method) throws IOException {
        try {
            Method m = target.getClass().getMethod(method);
            m.setAccessible(true);
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot inspect a JPA lazy value (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean implementsNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name) || implementsNamed(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Thrown while writing: the value holds something lazy that was never loaded. */
    static final class UninitializedLazyValue extends IOException {
        private static final long serialVersionUID = 1L;

        UninitializedLazyValue(String what) {
            super(what + " is never written to Redis (it would load from the database)");
        }
    }

    /** Puts the checks in front of the serializer of every proxy and persistent collection class. */
    static final class Guard extends BeanSerializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description, JsonSerializer<?> serializer) {
            return kind(description.getBeanClass()) == Kind.PLAIN ? serializer : new Checked(description.getBeanClass());
        }

        @Override
        public JsonSerializer<?> modifyCollectionSerializer(SerializationConfig config,
                com.fasterxml.jackson.databind.type.CollectionType type, BeanDescription description, JsonSerializer<?> serializer) {
            return kind(description.getBeanClass()) == Kind.PLAIN ? serializer : new Checked(description.getBeanClass(), serializer);
        }

        @Override
        public JsonSerializer<?> modifyMapSerializer(SerializationConfig config, com.fasterxml.jackson.databind.type.MapType type,
                BeanDescription description, JsonSerializer<?> serializer) {
            return kind(description.getBeanClass()) == Kind.PLAIN ? serializer : new Checked(description.getBeanClass(), serializer);
        }
    }

    /** Refuses what is uninitialised; writes the rest with the serializer of what it really is. */
    private static final class Checked extends StdSerializer<Object> {
        private static final long serialVersionUID = 1L;
        private final transient JsonSerializer<?> collection; // for an initialised persistent collection

        Checked(Class<?> type) {
            this(type, null);
        }

        @SuppressWarnings("unchecked")
        Checked(Class<?> type, JsonSerializer<?> collection) {
            super((Class<Object>) type);
            this.collection = collection;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            Object real = unwrap(value);
            serializer(real, provider).serialize(real, generator, provider);
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator generator, SerializerProvider provider, TypeSerializer types)
                throws IOException {
            Object real = unwrap(value);
            serializer(real, provider).serializeWithType(real, generator, provider, types);
        }

        @SuppressWarnings("unchecked")
        private JsonSerializer<Object> serializer(Object real, SerializerProvider provider) throws JsonMappingException {
            if (collection != null) {
                return (JsonSerializer<Object>) collection;
            }
            return provider.findValueSerializer(real.getClass());
        }
    }
}
