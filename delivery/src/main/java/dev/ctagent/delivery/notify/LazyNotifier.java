package dev.ctagent.delivery.notify;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * A notifier built on first use, by the delivery thread (an SNS client, a webhook's signing key): nothing
 * of it is loaded in premain. A failure to build it counts as a failed notification and is retried.
 */
public final class LazyNotifier implements Notifier {
    private final String target;
    private final Callable<Notifier> factory;
    private Notifier built;

    public LazyNotifier(String target, Callable<Notifier> factory) {
        this.target = target;
        this.factory = factory;
    }

    @Override
    public void send(Notification notification) throws IOException {
        notifier().send(notification);
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public synchronized void close() throws IOException {
        if (built != null) {
            built.close();
        }
    }

    private synchronized Notifier notifier() throws IOException {
        if (built == null) {
            try {
                built = factory.call();
            } catch (IOException e) {
                throw e;
            } catch (Exception | LinkageError e) {
                throw new IOException("cannot set up " + target + ": " + e, e);
            }
        }
        return built;
    }
}
