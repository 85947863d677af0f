package com.legacyshop;

/** An unchecked wrapper for SQLException, so DAO signatures stay as simple as callers expect. */
public class DataAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
