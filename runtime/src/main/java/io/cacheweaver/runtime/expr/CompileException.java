package io.cacheweaver.runtime.expr;

/** An expression that does not fit the method it is applied to; the message names what is available. */
public final class CompileException extends Exception {
    private static final long serialVersionUID = 1L;

    public CompileException(String message) {
        super(message);
    }
}
