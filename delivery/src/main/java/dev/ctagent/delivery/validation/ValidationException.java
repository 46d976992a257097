package dev.ctagent.delivery.validation;

/**
 * The validator cannot run as asked. {@link #isUsage()}: the arguments are wrong (nothing was written yet;
 * the CLI exits 2). Otherwise a fatal error in the middle of a run, like the AWS CLI's
 * {@code No public keys found between ...} (exit 1).
 */
public final class ValidationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean usage;

    private ValidationException(String message, boolean usage, Throwable cause) {
        super(message, cause);
        this.usage = usage;
    }

    public static ValidationException usage(String message) {
        return new ValidationException(message, true, null);
    }

    public static ValidationException fatal(String message, Throwable cause) {
        return new ValidationException(message, false, cause);
    }

    public boolean isUsage() {
        return usage;
    }
}
