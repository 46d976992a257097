package dev.ctagent.agent.instrumentation.servlet;

/**
 * Stands for "the async context timed out" in a record's errorCode/errorMessage. One shared instance,
 * no stack trace: it is a label, not a failure of the agent.
 */
final class AsyncTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;
    static final AsyncTimeoutException INSTANCE = new AsyncTimeoutException();

    private AsyncTimeoutException() {
        super("The asynchronous request timed out", null, false, false);
    }
}
