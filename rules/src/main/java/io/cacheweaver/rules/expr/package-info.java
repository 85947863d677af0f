/**
 * The expression language of keys, values and conditions, parsed into an immutable tree; the
 * runtime compiles it against a method.
 */
package io.cacheweaver.rules.expr;
