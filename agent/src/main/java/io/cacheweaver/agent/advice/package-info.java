/**
 * The advice inlined into application methods: tiny, every Throwable suppressed, reaching the
 * runtime only through the bootstrap bridge with the site id bound as a constant.
 */
package io.cacheweaver.agent.advice;
