package dev.ctagent.benchmarks;

import dev.ctagent.delivery.record.RecordSerializer;
import dev.ctagent.delivery.record.SerializedRecord;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.config.AgentConfig;
import dev.ctagent.runtime.config.ConfigSource;
import java.util.Collections;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The writer thread's per-record work before compression: {@link RecordSerializer#serialize} of one
 * captured call into its reused buffer. With {@code -prof gc}, B/op is what the writer allocates per
 * record (garbage the application's heap pays for, though not on the application's threads).
 *
 * <ul>
 *   <li>{@code simpleGet}: the served-request benchmark's call, {@code GET /owners/7?a=1}, anonymous.</li>
 *   <li>{@code typicalMix}: {@link TypicalCalls}, the writer-throughput mix (JWT, SigV4, form POST, errors).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class SerializeBenchmark {
    @Param({"simpleGet", "typicalMix"})
    public String calls;

    private RecordSerializer serializer;
    private CapturedCall[] pool;
    private int next;

    @Setup
    public void setUp() throws Exception {
        AgentConfig config = AgentConfig.from(ConfigSource.of(new Properties(), new Properties(),
                Collections.emptyMap()), Collections.emptyMap());
        serializer = new RecordSerializer(config);
        if (calls.equals("simpleGet")) {
            CapturedCall c = new CapturedCall();
            c.kind = CapturedCall.SERVED;
            c.eventTimeMillis = System.currentTimeMillis();
            c.served.method = "GET";
            c.served.requestUri = "/owners/7";
            c.served.queryString = "a=1";
            c.served.host = "petclinic.example.com:8080";
            c.served.userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
            c.served.remoteAddr = "203.0.113.7";
            c.served.status = 200;
            pool = new CapturedCall[] {c};
        } else {
            pool = TypicalCalls.pool(4096, 42);
        }
    }

    @Benchmark
    public int serialize() {
        CapturedCall call = pool[next];
        next = next + 1 == pool.length ? 0 : next + 1;
        SerializedRecord r = serializer.serialize(call);
        return r.length;
    }
}
