/**
 * The browser and CDN layers: {@code http:} rules applied to servlet and JDK HTTP server responses
 * (Cache-Control, Vary, ETag and 304, Surrogate-Key/Cache-Tag), and CDN purges sent after
 * invalidations. Server objects are reached through JDK types only: MethodHandles and wrapper
 * classes the agent generates in the application's class loader.
 */
package io.cacheweaver.runtime.http;
