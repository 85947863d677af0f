/**
 * Weaving for the {@code http:} rules: {@code HttpServlet.service} (javax and jakarta) and the JDK
 * HTTP server's filter chain, rewritten with plain ASM ({@link io.cacheweaver.agent.http.HttpWeaving}),
 * and the servlet wrapper classes generated in the application's own class loader when a rule
 * first applies.
 */
package io.cacheweaver.agent.http;
