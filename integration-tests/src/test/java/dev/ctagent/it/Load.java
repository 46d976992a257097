package dev.ctagent.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Background request load on a forked app, bounded in time and count, stopped by the test. */
final class Load implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<String> completedIds = new CopyOnWriteArrayList<>();

    Load(int port, int threadCount, int maxRequestsPerThread, String path) {
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(() -> {
                Http http = new Http(port);
                for (int n = 0; n < maxRequestsPerThread && running.get(); n++) {
                    try {
                        Http.Reply r = http.get(path);
                        if (r.status() == 200) {
                            ok.incrementAndGet();
                            completedIds.add(r.requestId());
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }, "load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Waits for every thread to finish its requests (or to be stopped). */
    void await() throws InterruptedException {
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    long ok() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    List<String> completedIds() {
        return completedIds;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        await();
    }
}
