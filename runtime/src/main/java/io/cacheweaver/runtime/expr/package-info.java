/**
 * Rule expressions compiled against a woven method: keys (with a canonical, allocation-free form
 * for one-argument keys), conditions and property steps resolved once to method handles.
 */
package io.cacheweaver.runtime.expr;
