/**
 * The contract between the tiered cache and a shared layer: never throws, bounded in time,
 * counts its own failures. The Redis layer is its one implementation; tests use an in-memory one.
 */
package io.cacheweaver.runtime.remote;
