package dev.ctagent.delivery.validation;

/** What checking one log file listed in a digest found, with the AWS CLI's words for it. */
enum LogFileOutcome {
    VALID("valid"),
    HASH_MISMATCH("INVALID: hash value doesn't match"),
    TRAILING_DATA("INVALID: unexpected data after end of compressed stream"),
    INVALID_FORMAT("INVALID: invalid format"),
    NOT_FOUND("INVALID: not found");

    private final String text;

    LogFileOutcome(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }
}
