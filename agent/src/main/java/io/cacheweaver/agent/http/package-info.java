/**
 * Weaving for the {@code http:} rules: advice on {@code HttpServlet.service} (javax and jakarta)
 * and on the JDK HTTP server's filter chain, and the servlet wrapper classes generated in the
 * application's own class loader when a rule first applies.
 */
package io.cacheweaver.agent.http;
