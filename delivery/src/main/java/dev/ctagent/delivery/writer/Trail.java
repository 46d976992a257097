package dev.ctagent.delivery.writer;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;
import dev.ctagent.delivery.destination.DeliveredLogLedger;
import dev.ctagent.delivery.destination.Destination;
import dev.ctagent.delivery.destination.LocalDirectoryDestination;
import dev.ctagent.delivery.digest.DigestKey;
import dev.ctagent.delivery.digest.PublishedKeys;
import dev.ctagent.delivery.digest.SigningKeyFile;
import dev.ctagent.delivery.logfile.LogFileKey;
import dev.ctagent.delivery.logfile.OpenLogFile;
import dev.ctagent.delivery.notify.Notifier;
import dev.ctagent.delivery.record.CallSerializer;
import dev.ctagent.delivery.status.ErrorReporter;
import dev.ctagent.delivery.status.LoggingControl;
import dev.ctagent.delivery.status.TrailStats;
import dev.ctagent.delivery.status.TrailStatus;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.runtime.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * One trail's lifecycle: the writer thread draining the capture ring into log files, logging on and off,
 * and its status MBean. Only the writer thread touches files; the control calls here hand work to it and
 * wait a bounded time.
 *
 * <p>Agent usage: create the ring with {@link #writerTickNanos}, construct, {@link #start()} before any
 * call is captured (the writer starts at the ring's cursor), later (not in premain) {@link
 * #registerStatusMBean()}, and {@link #stop()} from a shutdown hook.
 */
public final class Trail implements LoggingControl {
    private static final long DRAIN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long CONTROL_WAIT_MILLIS = 10_000;
    private static final Duration REMOTE_DRAIN_WAIT = Duration.ofSeconds(10);
    /**
     * A live writer holds its file's lock until the file is delivered, so an unlocked partial file is an
     * orphan however young: recovery need not wait.
     */
    private static final Duration ORPHAN_MIN_AGE = Duration.ZERO;
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * The trail name in digest names: with {@code ct.instance.id}, {@code <trail>~<instance>}, so every
     * instance writing the trail into one bucket has its own chain (and its own digest keys).
     */
    static String digestTrailName(AgentConfig config) {
        return config.instanceId() == null ? config.trailName() : config.trailName() + "~" + config.instanceId();
    }

    /** The signing key is read this long after start (or when a digest is due): off the app's startup. */
    private static final Duration KEY_LOAD_DELAY = Duration.ofSeconds(30);

    private final String name;
    private final CaptureRing ring;
    private final TrailStats stats = new TrailStats();
    private final ErrorReporter errors = new ErrorReporter(stats, System.err);
    private final TrailWriter writer;
    private final Deliveries deliveries;
    private final TrailStatus status;
    private BatchEventProcessor<CapturedCall> processor;
    private Thread thread;
    private boolean started;
    private boolean stopped;
    private boolean registered;
    private volatile boolean logging;
    private final boolean failClosed;

    /**
     * A trail delivering where the configuration says: into {@code <ct.dir>/<ct.bucket>/}, or with
     * {@code ct.s3.bucket} to S3 through the delivery spool; with notifications when configured.
     *
     * <p>With digests on, the signing key in {@code ct.digest.privateKey} is read (or created) by the
     * writer thread 30 s after start, or earlier when a digest is due; if it cannot be used, that is reported like a bad configuration value
     * and capture stops (with {@code ct.failClosed=true} the JVM exits). Call
     * {@link SigningKeyFile#refuseIfExposed()} in premain to refuse an exposed key before anything runs.
     */
    public Trail(AgentConfig config, CaptureRing ring, CallSerializer serializer) {
        this(config, ring, serializer, (stats, errors) -> fromConfig(config, stats, errors), ORPHAN_MIN_AGE,
                KEY_LOAD_DELAY);
    }

    /** {@code ct.s3.*} → S3 through the spool, else the local directory; plus the configured notifiers. */
    private static Deliveries fromConfig(AgentConfig config, TrailStats stats, ErrorReporter errors)
            throws IOException {
        AtomicReference<Destination> writerDestination = new AtomicReference<>();
        List<Notifier> notifiers = DeliveryTargets.notifiers(config, writerDestination::get);
        Destination destination = DeliveryTargets.destination(config);
        Deliveries d = DeliveryTargets.remote(config)
                ? Deliveries.spooled(destination, notifiers, config, stats, errors)
                : Deliveries.direct(destination, notifiers, config, stats, errors);
        writerDestination.set(d.writerDestination);
        return d;
    }

    /** A trail delivering straight into {@code destination}, which confirms each file on return. */
    public Trail(AgentConfig config, CaptureRing ring, CallSerializer serializer, Destination destination) {
        this(config, ring, serializer, (stats, errors) -> Deliveries.direct(destination, List.of(), config, stats,
                errors), ORPHAN_MIN_AGE, KEY_LOAD_DELAY);
    }

    /**
     * A trail whose files go to {@code destination} as {@code remote} says: through this process's spool
     * and the delivery thread (S3), or straight (a local directory); {@code notifiers} are told about every
     * delivered log file. Fails when the spool cannot be opened.
     */
    public Trail(AgentConfig config, CaptureRing ring, CallSerializer serializer, Destination destination,
            boolean remote, List<Notifier> notifiers) throws IOException {
        this(config, ring, serializer, (stats, errors) -> remote
                ? Deliveries.spooled(destination, notifiers, config, stats, errors)
                : Deliveries.direct(destination, notifiers, config, stats, errors), ORPHAN_MIN_AGE, KEY_LOAD_DELAY);
    }

    /** Builds the deliveries once the trail's stats and error reporter exist. */
    interface DeliveriesFactory {
        Deliveries create(TrailStats stats, ErrorReporter errors) throws IOException;
    }

    Trail(AgentConfig config, CaptureRing ring, CallSerializer serializer, DeliveriesFactory deliveriesFactory,
            Duration orphanMinAge, Duration keyLoadDelay) {
        this.failClosed = config.failClosed();
        this.name = config.trailName();
        this.ring = ring;
        try {
            this.deliveries = deliveriesFactory.create(stats, errors);
        } catch (IOException e) {
            throw new UncheckedIOException("opening the delivery spool in " + config.spool().dir(), e);
        }
        Destination destination = deliveries.writerDestination;
        Path openDir = OpenLogFile.openDir(config.dir());
        DeliveredLogLedger ledger = new DeliveredLogLedger(
                DeliveredLogLedger.defaultFile(config.dir(), config.trailName()), config.bucket());
        LogFileDelivery delivery = new LogFileDelivery(LogFileKey.of(config), destination, ledger, stats, errors,
                deliveries.announcer());
        LogFileRoller roller = new LogFileRoller(openDir, config.gzipLevel(), config.maxFileBytes(),
                config.deliveryInterval(), config.flushInterval(), delivery, errors);
        OrphanRecovery recovery = new OrphanRecovery(openDir, config.gzipLevel(), orphanMinAge, delivery, errors);
        DigestChain digests = !config.digestEnabled() ? null : new DigestChain(
                new DigestKey(config.prefix(), config.accountId(), config.region(), digestTrailName(config),
                        config.region()),
                config.bucket(), config.accountId(), config.digestInterval(),
                new SigningKeyFile(config.digestPrivateKey()),
                new PublishedKeys(PublishedKeys.defaultRegistry(config.dir()), config.prefix(), config.accountId(),
                        config.region()),
                destination, ledger, DigestState.defaultFile(config.dir(), config.trailName()), stats, errors,
                keyLoadDelay);
        this.writer = new TrailWriter(serializer, ring.drops(), roller, recovery, stats, errors, digests,
                this::signingKeyRefused);
        this.status = new TrailStatus(name, stats, ring, this);
    }

    /**
     * How long the writer may wait idle before it checks flushes, rolls and control requests: the
     * {@code writerTickNanos} to build the {@link CaptureRing} with.
     */
    public static long writerTickNanos(AgentConfig config) {
        return Math.min(config.flushInterval().toNanos(), MAX_TICK_NANOS);
    }

    /** Starts the writer thread; it first delivers what a previous process left behind. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        RingBuffer<CapturedCall> ringBuffer = ring.ringBuffer();
        processor = new BatchEventProcessorBuilder().build(ringBuffer, ringBuffer.newBarrier(), writer);
        processor.setExceptionHandler(writer.exceptionHandler());
        ringBuffer.addGatingSequences(processor.getSequence());
        writer.requestChainStart();
        logging = true;
        ring.setAccepting(true);
        stats.recordStartLogging(System.currentTimeMillis());
        thread = new Thread(processor, "ct-agent-writer");
        thread.setDaemon(true);
        thread.start();
        deliveries.start();
    }

    /**
     * Shuts the trail down (JVM exit): stops capture, lets the writer drain the ring (up to 10 s), finish
     * and deliver the open file (up to 10 s more), lets the delivery thread empty the spool and send the
     * notices (up to 10 s more; what is left is delivered at the next start), then unregisters the MBean.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        boolean wasLogging = logging;
        logging = false;
        ring.setAccepting(false);
        if (started) {
            if (wasLogging) {
                stats.recordStopLogging(System.currentTimeMillis());
            }
            awaitDrained();
            processor.halt();
            // Block-mode callers waiting for room must not wait through the final delivery.
            ring.consumerStopped();
            joinWriter();
        } else {
            ring.consumerStopped();
        }
        deliveries.stop(REMOTE_DRAIN_WAIT);
        unregisterStatusMBean();
    }

    @Override
    public boolean isLogging() {
        return logging;
    }

    @Override
    public synchronized void startLogging() {
        if (stopped || logging) {
            return;
        }
        logging = true;
        ring.setAccepting(true);
        stats.recordStartLogging(System.currentTimeMillis());
        if (started) {
            writer.requestChainStart();
        }
    }

    /**
     * Stops capture and waits (up to 10 s) until what was captured so far is delivered, followed by the
     * chain's final digest.
     */
    @Override
    public void stopLogging() {
        long until;
        synchronized (this) {
            if (stopped || !logging) {
                return;
            }
            logging = false;
            ring.setAccepting(false);
            stats.recordStopLogging(System.currentTimeMillis());
            if (!started) {
                return;
            }
            until = ring.ringBuffer().getCursor();
        }
        try {
            if (!writer.requestRoll(until, true, CONTROL_WAIT_MILLIS)) {
                errors.warning("stopLogging: the writer did not deliver within " + CONTROL_WAIT_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The status MBean, registered as {@code dev.ctagent:type=Trail,name=<trail name>}. */
    public TrailStatus status() {
        return status;
    }

    public TrailStats stats() {
        return stats;
    }

    /** Registers the status MBean in the platform MBeanServer. Never call this from premain. */
    public synchronized ObjectName registerStatusMBean() throws JMException {
        if (!registered) {
            status.register(ManagementFactory.getPlatformMBeanServer());
            registered = true;
        }
        return status.objectName();
    }

    public synchronized void unregisterStatusMBean() {
        if (!registered) {
            return;
        }
        registered = false;
        try {
            status.unregister(ManagementFactory.getPlatformMBeanServer());
        } catch (JMException e) {
            errors.error("unregistering " + status.objectName(), e);
        }
    }

    /** The writer could not use the signing key: like a bad configuration value, capture goes off. */
    private void signingKeyRefused(ConfigException e) {
        synchronized (this) {
            logging = false;
            ring.setAccepting(false);
            stats.recordStopLogging(System.currentTimeMillis());
        }
        stats.recordDigestDeliveryError(e.getMessage());
        System.err.println("[ct-agent] invalid configuration: " + e.getMessage()
                + (failClosed ? "; ct.failClosed=true, stopping the JVM" : "; capture is off"));
        if (failClosed) {
            // not from the writer thread itself: exit waits for the shutdown hook, which waits for the writer
            Thread exit = new Thread(() -> System.exit(1), "ct-agent-fail-closed");
            exit.setDaemon(true);
            exit.start();
        }
    }

    /** Waits until the writer has consumed everything published and no more calls arrive. */
    private void awaitDrained() {
        RingBuffer<CapturedCall> ringBuffer = ring.ringBuffer();
        long deadline = System.nanoTime() + DRAIN_WAIT_NANOS;
        long previousCursor = Long.MIN_VALUE;
        while (true) {
            long cursor = ringBuffer.getCursor();
            if (cursor == previousCursor && processor.getSequence().get() >= cursor) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                errors.warning("trail " + name + ": the writer did not drain the ring in time; "
                        + (cursor - processor.getSequence().get()) + " captured calls are not in the trail");
                return;
            }
            previousCursor = cursor;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void joinWriter() {
        try {
            thread.join(TimeUnit.NANOSECONDS.toMillis(DRAIN_WAIT_NANOS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            errors.warning("trail " + name + ": the last log file was not delivered in time;"
                    + " it is recovered at the next start");
        }
    }
}
