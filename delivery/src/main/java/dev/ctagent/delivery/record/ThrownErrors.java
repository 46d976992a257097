package dev.ctagent.delivery.record;

/**
 * errorCode and errorMessage for an exception that escaped the servlet. Containers and frameworks
 * wrap the application's exception in a {@code ServletException} (javax or jakarta) or Spring's
 * {@code NestedServletException}; the exception worth naming is the one inside.
 */
final class ThrownErrors {
    /** Guards against cause chains that loop. */
    private static final int MAX_UNWRAP = 16;

    private ThrownErrors() {
    }

    /** The first exception in the cause chain that is not a servlet wrapper (or the last wrapper). */
    static Throwable unwrap(Throwable thrown) {
        Throwable t = thrown;
        for (int i = 0; i < MAX_UNWRAP; i++) {
            Throwable cause = t.getCause();
            if (cause == null || cause == t || !t.getClass().getSimpleName().endsWith("ServletException")) {
                break;
            }
            t = cause;
        }
        return t;
    }

    /** The class's simple name; anonymous classes have none, so their binary name. */
    static String errorCode(Throwable t) {
        String simple = t.getClass().getSimpleName();
        return simple.isEmpty() ? t.getClass().getName() : simple;
    }
}
