package dev.ctagent.delivery.notify;

import java.io.Closeable;
import java.io.IOException;

/**
 * Tells a target (an SNS topic, a webhook) that log files were delivered. Called by one thread at a time.
 *
 * <p>Contract (shared by every implementation's tests): when {@code send} returns, the target has accepted
 * the message; when it throws, it may or may not have, and the caller sends the same {@link Notification}
 * again later (same message id, so a receiver can drop a duplicate).
 */
public interface Notifier extends Closeable {
    void send(Notification notification) throws IOException;

    /** What this notifies, for status and error messages, e.g. {@code sns:arn:aws:sns:...}. */
    String target();

    @Override
    default void close() throws IOException {}
}
