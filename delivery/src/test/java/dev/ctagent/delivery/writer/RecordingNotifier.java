package dev.ctagent.delivery.writer;

import dev.ctagent.delivery.notify.Notification;
import dev.ctagent.delivery.notify.Notifier;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A notifier that keeps what it accepted and can be taken down. */
final class RecordingNotifier implements Notifier {
    final List<Notification> accepted = new CopyOnWriteArrayList<>();
    final List<String> attemptedIds = new CopyOnWriteArrayList<>();
    volatile boolean down;

    @Override
    public void send(Notification n) throws IOException {
        attemptedIds.add(n.messageId());
        if (down) {
            throw new IOException("receiver down");
        }
        accepted.add(n);
    }

    @Override
    public String target() {
        return "recording";
    }
}
