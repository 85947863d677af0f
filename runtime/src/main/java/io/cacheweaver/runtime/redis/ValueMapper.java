package io.cacheweaver.runtime.redis;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.AnnotatedConstructor;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Parameter;

/**
 * The one Jackson configuration for values in Redis. Objects go through their fields, not their
 * getters and setters (legacy beans often have getters without setters, or getters that compute;
 * the fields are what the object really is). Records use their canonical constructor; other
 * classes their no-arg constructor, a constructor whose parameters are named like the fields
 * (compiled with {@code -parameters}) or carry {@code @ConstructorProperties}, or none at all
 * ({@link FieldInstantiators}). {@code java.time} values keep zone ids, offsets and nanoseconds;
 * {@code BigDecimal}s their scale.
 * <p>
 * Class names: with an allow-list, and only at positions declared {@code Object} or abstract
 * (not collections or maps, whose elements are checked instead), the concrete class is written as
 * {@code ["class.Name", value]} and checked by the {@link TypeAllowList} on read. Without one,
 * default typing stays off: nothing in the data can name a class.
 */
final class ValueMapper {
    private ValueMapper() {
    }

    static ObjectMapper create(int maxDocumentBytes, TypeAllowList allowList) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(maxDocumentBytes)
                        .maxNestingDepth(200) // deep JSON is an attack, not a cached value
                        .build())
                .build();
        SimpleModule shapes = new SimpleModule("cacheweaver-values") {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addValueInstantiators(new FieldInstantiators());
            }
        };
        shapes.setSerializerModifier(new LazyEntities.Guard());
        JsonMapper.Builder builder = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(shapes)
                .annotationIntrospector(new com.fasterxml.jackson.databind.introspect.AnnotationIntrospectorPair(
                        new com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector(), new FieldNamedParameters()))
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // an older or newer class version still reads
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE) // a ZonedDateTime keeps its zone
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS) // ISO-8601 text: zone ids and offsets survive
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(MapperFeature.USE_GETTERS_AS_SETTERS); // never mutate a collection through a getter
        if (allowList.configured()) {
            builder.setDefaultTyping(new Typing(allowList)
                    .init(JsonTypeInfo.Value.construct(JsonTypeInfo.Id.CLASS, JsonTypeInfo.As.WRAPPER_ARRAY, null, null, false, null), null));
        }
        return builder.build();
    }

    /** Whether a position of this declared type records the concrete class (with an allow-list). */
    static boolean recordsClass(JavaType type) {
        JavaType t = type;
        while (t.isArrayType()) {
            t = t.getContentType();
        }
        while (t.isReferenceType()) {
            t = t.getReferencedType();
        }
        if (t.isJavaLangObject()) {
            return true;
        }
        if (t.isContainerType() || t.isPrimitive() || t.isEnumType() || TreeNode.class.isAssignableFrom(t.getRawClass())) {
            return false;
        }
        return !t.isConcrete();
    }

    private static final class Typing extends ObjectMapper.DefaultTypeResolverBuilder {
        private static final long serialVersionUID = 1L;

        Typing(TypeAllowList allowList) {
            super(ObjectMapper.DefaultTyping.OBJECT_AND_NON_CONCRETE, allowList);
        }

        @Override
        public boolean useForType(JavaType type) {
            return recordsClass(type);
        }
    }

    /**
     * Constructor parameter names (from {@code -parameters}) count only when the class has a field
     * of that name: a constructor {@code PageRequest(int pageNumber, …)} that stores into
     * {@code page} must not be called with defaults; such a class is filled through its fields.
     */
    private static final class FieldNamedParameters extends NopAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public String findImplicitPropertyName(AnnotatedMember member) {
            if (!(member instanceof AnnotatedParameter parameter) || !(parameter.getOwner() instanceof AnnotatedConstructor owner)) {
                return null;
            }
            Parameter[] parameters = owner.getAnnotated().getParameters();
            int index = parameter.getIndex();
            if (index >= parameters.length || !parameters[index].isNamePresent()) {
                return null;
            }
            String name = parameters[index].getName();
            for (Class<?> c = owner.getDeclaringClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                    if (field.getName().equals(name) && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                        return name;
                    }
                }
            }
            return null;
        }

        @Override
        public boolean hasIgnoreMarker(AnnotatedMember member) {
            // fields that bytecode enhancement (Hibernate) adds are machinery, not data
            return member instanceof AnnotatedField field && field.getName().startsWith("$$_");
        }
    }
}
