package io.cacheweaver.rules.expr;

/** An expression that cannot be parsed; {@code offset} is the 0-based character where the problem is. */
public final class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public ExpressionException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
