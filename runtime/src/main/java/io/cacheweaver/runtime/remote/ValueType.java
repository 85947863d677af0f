package io.cacheweaver.runtime.remote;

import java.lang.reflect.Type;

/**
 * What a cached value must be read back as: the woven method's declared generic return type,
 * and the class loader its classes come from. Class names are never taken from cached data.
 */
public record ValueType(Type type, ClassLoader loader) {
}
