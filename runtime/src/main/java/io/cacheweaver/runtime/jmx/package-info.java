/**
 * The MBeans operators read (io.cacheweaver:type=Agent, type=Cache, type=Rule): views that look
 * the runtime up on every read, so a reload never needs re-registration. Registration is deferred
 * until the application's logging is set up.
 */
package io.cacheweaver.runtime.jmx;
