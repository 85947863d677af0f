/**
 * The caching engine behind the bridge. Public: {@link io.cacheweaver.runtime.CacheRuntime} (the
 * dispatcher the advice reaches, site registration, reload), {@link io.cacheweaver.runtime.TieredCache}
 * and its {@link io.cacheweaver.runtime.CacheStats} (what JMX reads and operates), and the few
 * values the agent hands in. Everything else is package-private: the handlers a site compiles to
 * (key → cache → token), and the tiered cache's parts (local layer, single flights, write epochs).
 */
package io.cacheweaver.runtime;
