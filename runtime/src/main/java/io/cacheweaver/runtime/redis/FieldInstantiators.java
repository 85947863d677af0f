package io.cacheweaver.runtime.redis;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * Immutable classes whose constructor Jackson cannot call (no no-arg constructor, and constructor
 * parameters that are not named like the fields they set): such an object is created the way Java
 * serialization creates one, without running its constructor, and then gets its fields from the
 * stored value. Applies only to the application's own concrete classes that Jackson has no other
 * way to create, which are either the declared type or allowed by {@code redis.types} (nothing
 * else reaches a deserializer). Fields that were not stored ({@code transient}) keep their zero
 * value, as with Java serialization.
 */
final class FieldInstantiators extends ValueInstantiators.Base {
    private static final ClassValue<Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            try {
                Constructor<?> c = sun.reflect.ReflectionFactory.getReflectionFactory()
                        .newConstructorForSerialization(type, Object.class.getDeclaredConstructor());
                c.setAccessible(true);
                return c;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    @Override
    public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription description,
                                                   ValueInstantiator found) {
        Class<?> type = description.getBeanClass();
        if (found.canCreateUsingDefault() || found.canCreateFromObjectWith() || found.canCreateUsingDelegate()
                || found.canCreateUsingArrayDelegate() || !eligible(type)) {
            return found;
        }
        return new WithoutConstructor(found, type);
    }

    private static boolean eligible(Class<?> type) {
        String name = type.getName();
        return !type.isInterface() && !type.isArray() && !type.isPrimitive() && !type.isEnum() && !type.isRecord()
                && !Modifier.isAbstract(type.getModifiers()) && !name.startsWith("java.") && !name.startsWith("javax.")
                && !name.startsWith("jdk.") && !name.startsWith("sun.") && !name.startsWith("com.sun.")
                && (type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers()));
    }

    private static final class WithoutConstructor extends ValueInstantiator.Delegating {
        private static final long serialVersionUID = 1L;
        private final Class<?> type;

        WithoutConstructor(ValueInstantiator found, Class<?> type) {
            super(found);
            this.type = type;
        }

        @Override
        public boolean canInstantiate() {
            return true;
        }

        @Override
        public boolean canCreateUsingDefault() {
            return true;
        }

        @Override
        public Object createUsingDefault(DeserializationContext context) throws IOException {
            Constructor<?> constructor = CONSTRUCTORS.get(type);
            if (constructor == null) {
                return context.handleMissingInstantiator(type, this, null, "no way to create it");
            }
            try {
                return constructor.newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return context.handleMissingInstantiator(type, this, null, "cannot create it: " + e.getClass().getSimpleName());
            }
        }
    }
}
