package io.cacheweaver.runtime.expr;

/**
 * A compiled expression: evaluated per call against the call's receiver, arguments and result,
 * with every name already resolved. No parsing or reflective lookup happens here.
 */
public interface Node {
    Object eval(Object self, Object[] args, Object result);
}
