package dev.ctagent.delivery.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.DropCounter.DroppedInterval;
import dev.ctagent.runtime.capture.ServedCall;
import dev.ctagent.runtime.config.AgentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;

/**
 * Writes each captured call as one compact CloudTrail record (eventVersion 1.11), keys in the order
 * CloudTrail writes them: eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion,
 * sourceIPAddress, userAgent?, errorCode?, errorMessage?, requestParameters, responseElements,
 * requestID, eventID, readOnly, eventType, managementEvent, recipientAccountId,
 * serviceEventDetails?, eventCategory, tlsDetails? ({@code ?} = only when applicable).
 *
 * <p>Calls the application made through an AWS SDK are written by {@link SdkRecordWriter}.
 *
 * <p>Served calls ({@code eventType} AwsApiCall) map as the helpers of this package describe:
 * {@link UserIdentityResolver}, {@link EventSources}, {@link EventNames}, {@link ClientAddresses},
 * {@link RequestParameters} (with {@link QueryParameters} and {@link JsonBodies}), {@link Redaction},
 * {@link ThrownErrors} and {@link HttpReasons}. Further rules:
 * <ul>
 *   <li>readOnly is true for GET, HEAD and OPTIONS.</li>
 *   <li>responseElements is null for read-only calls, else {@code {"httpStatus":N}}; N is 500 when an
 *       exception escaped but the status said otherwise (the container answers 500).</li>
 *   <li>requestParameters is null when the call had none. Over 100 KB of JSON it becomes
 *       {@code {"omitted":true,"originalSizeBytes":N}} ({@link CappedObjectWriter}).</li>
 *   <li>requestID is the configured request-id header's value, else a generated UUID.</li>
 *   <li>tlsDetails ({@code tlsVersion}, {@code cipherSuite}, {@code clientProvidedHostHeader}, each
 *       only when known) is written for secure calls whose protocol or cipher is known.</li>
 * </ul>
 *
 * <p>The {@code EventsDropped} record ({@code eventType} AwsServiceEvent, readOnly false) states
 * calls the ring had no room for: userIdentity {@code {"type":"AWSService","invokedBy":"ct-agent"}},
 * eventSource and sourceIPAddress {@code ct-agent}, serviceEventDetails
 * {@code {"droppedEvents":N,"firstDropTime":t,"lastDropTime":t,"reason":"ring buffer full",
 * "bufferCapacity":C}}.
 *
 * <p>One writer thread only. Records are written by one reused Jackson generator into one reused
 * buffer (valid until the next call). A record that cannot be built is never half-written: it is
 * dropped, counted in {@link #failedRecords()}, and the generator is replaced.
 */
public final class RecordSerializer implements CallSerializer {
    static final String AGENT = "ct-agent";

    static final SerializableString EVENT_VERSION = name("eventVersion");
    static final SerializableString USER_IDENTITY = name("userIdentity");
    static final SerializableString EVENT_TIME = name("eventTime");
    static final SerializableString EVENT_SOURCE = name("eventSource");
    static final SerializableString EVENT_NAME = name("eventName");
    static final SerializableString AWS_REGION = name("awsRegion");
    static final SerializableString SOURCE_IP_ADDRESS = name("sourceIPAddress");
    static final SerializableString USER_AGENT = name("userAgent");
    static final SerializableString ERROR_CODE = name("errorCode");
    static final SerializableString ERROR_MESSAGE = name("errorMessage");
    static final SerializableString REQUEST_PARAMETERS = name("requestParameters");
    static final SerializableString RESPONSE_ELEMENTS = name("responseElements");
    static final SerializableString HTTP_STATUS = name("httpStatus");
    static final SerializableString REQUEST_ID = name("requestID");
    static final SerializableString EVENT_ID = name("eventID");
    static final SerializableString READ_ONLY = name("readOnly");
    static final SerializableString EVENT_TYPE = name("eventType");
    static final SerializableString MANAGEMENT_EVENT = name("managementEvent");
    static final SerializableString RECIPIENT_ACCOUNT_ID = name("recipientAccountId");
    static final SerializableString SERVICE_EVENT_DETAILS = name("serviceEventDetails");
    static final SerializableString EVENT_CATEGORY = name("eventCategory");
    static final SerializableString TLS_DETAILS = name("tlsDetails");
    static final SerializableString FIRST_DROP_TIME = name("firstDropTime");
    static final SerializableString LAST_DROP_TIME = name("lastDropTime");
    static final SerializableString V_EVENT_VERSION = name("1.11");
    static final SerializableString V_API_CALL = name("AwsApiCall");
    static final SerializableString V_SERVICE_EVENT = name("AwsServiceEvent");
    static final SerializableString V_MANAGEMENT = name("Management");

    private final JsonFactory factory = newFactory();
    private final ByteSink sink = new ByteSink();
    private final SerializedRecord record = new SerializedRecord();
    private final EventIds ids;
    private final EventTimes times = new EventTimes();
    private final EventSources sources;
    private final EventNames names = new EventNames();
    private final ClientAddresses addresses;
    private final UserIdentityResolver identities = new UserIdentityResolver(factory);
    private final RequestParameters parameters;
    private final QueryParameters queries = new QueryParameters();
    private final JsonBodies bodies;
    private final SerializableString region;
    private final SerializableString accountId;
    private final int bufferCapacity;
    private final SdkRecordWriter sdkCalls;
    private JsonGenerator generator;
    private long failedRecords;

    public RecordSerializer(AgentConfig config) {
        this(config, new SecureRandom().nextLong());
    }

    /** {@code idSeed} seeds the eventID generator (tests may fix it). */
    RecordSerializer(AgentConfig config, long idSeed) {
        ids = new EventIds(idSeed);
        sources = new EventSources(config.serviceName());
        addresses = new ClientAddresses(config.trustedProxies());
        Redaction redaction = new Redaction(config.redactKeys());
        parameters = new RequestParameters(redaction);
        bodies = new JsonBodies(factory, redaction);
        region = new SerializedString(JsonText.clean(config.region()));
        accountId = new SerializedString(JsonText.clean(config.accountId()));
        bufferCapacity = config.bufferCapacity();
        sdkCalls = new SdkRecordWriter(ids, times, redaction, region.getValue(), accountId.getValue(),
                config.awsSdkMessageBodies());
        generator = newGenerator();
    }

    @Override
    public SerializedRecord serialize(CapturedCall call) {
        if (call == null || (call.kind != CapturedCall.SERVED && call.kind != CapturedCall.SDK)) {
            return null;
        }
        try {
            sink.reset();
            if (call.kind == CapturedCall.SDK) {
                sdkCalls.write(generator, sink, call.sdk, call.eventTimeMillis);
            } else {
                writeServed(generator, call.served, call.eventTimeMillis);
            }
            return finish(call.eventTimeMillis);
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            return failed();
        } finally {
            parameters.reset();
        }
    }

    @Override
    public SerializedRecord droppedEvents(DroppedInterval dropped, long nowMillis) {
        try {
            sink.reset();
            writeDropped(generator, dropped, nowMillis);
            return finish(nowMillis);
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            return failed();
        }
    }

    /** Records that could not be built and were dropped, since start. */
    public long failedRecords() {
        return failedRecords;
    }

    private void writeServed(JsonGenerator g, ServedCall c, long millis) throws IOException {
        g.writeStartObject();
        g.writeFieldName(EVENT_VERSION);
        g.writeString(V_EVENT_VERSION);
        g.writeFieldName(USER_IDENTITY);
        identities.write(g, c.authorization, c.principalName);
        writeTime(g, EVENT_TIME, millis);
        g.writeFieldName(EVENT_SOURCE);
        g.writeString(sources.of(c.host));
        g.writeFieldName(EVENT_NAME);
        g.writeString(names.of(c));
        g.writeFieldName(AWS_REGION);
        g.writeString(region);
        g.writeFieldName(SOURCE_IP_ADDRESS);
        g.writeString(addresses.sourceOf(c.remoteAddr, c.forwardedFor));
        if (c.userAgent != null) {
            g.writeFieldName(USER_AGENT);
            g.writeString(JsonText.capped(c.userAgent, JsonText.ONE_KB));
        }
        int status = c.thrown != null && c.status < 400 ? 500 : c.status;
        writeError(g, c.thrown, status);
        g.writeFieldName(REQUEST_PARAMETERS);
        writeRequestParameters(g, c);
        boolean readOnly = isReadOnly(c.method);
        g.writeFieldName(RESPONSE_ELEMENTS);
        if (readOnly) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeFieldName(HTTP_STATUS);
            g.writeNumber(status);
            g.writeEndObject();
        }
        g.writeFieldName(REQUEST_ID);
        if (c.requestIdHeader != null && !c.requestIdHeader.isEmpty()) {
            g.writeString(JsonText.capped(c.requestIdHeader, JsonText.ONE_KB));
        } else {
            g.writeString(ids.next(), 0, EventIds.LENGTH);
        }
        g.writeFieldName(EVENT_ID);
        g.writeString(ids.next(), 0, EventIds.LENGTH);
        g.writeFieldName(READ_ONLY);
        g.writeBoolean(readOnly);
        g.writeFieldName(EVENT_TYPE);
        g.writeString(V_API_CALL);
        writeTrailer(g);
        if (c.secure && (c.tlsProtocol != null || c.tlsCipherSuite != null)) {
            g.writeFieldName(TLS_DETAILS);
            g.writeStartObject();
            optionalString(g, "tlsVersion", c.tlsProtocol);
            optionalString(g, "cipherSuite", c.tlsCipherSuite);
            optionalString(g, "clientProvidedHostHeader", c.host);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void writeDropped(JsonGenerator g, DroppedInterval d, long nowMillis) throws IOException {
        g.writeStartObject();
        g.writeFieldName(EVENT_VERSION);
        g.writeString(V_EVENT_VERSION);
        g.writeFieldName(USER_IDENTITY);
        g.writeStartObject();
        g.writeStringField("type", "AWSService");
        g.writeStringField("invokedBy", AGENT);
        g.writeEndObject();
        writeTime(g, EVENT_TIME, nowMillis);
        g.writeFieldName(EVENT_SOURCE);
        g.writeString(AGENT);
        g.writeFieldName(EVENT_NAME);
        g.writeString("EventsDropped");
        g.writeFieldName(AWS_REGION);
        g.writeString(region);
        g.writeFieldName(SOURCE_IP_ADDRESS);
        g.writeString(AGENT);
        g.writeFieldName(REQUEST_PARAMETERS);
        g.writeNull();
        g.writeFieldName(RESPONSE_ELEMENTS);
        g.writeNull();
        g.writeFieldName(REQUEST_ID);
        g.writeString(ids.next(), 0, EventIds.LENGTH);
        g.writeFieldName(EVENT_ID);
        g.writeString(ids.next(), 0, EventIds.LENGTH);
        g.writeFieldName(READ_ONLY);
        g.writeBoolean(false);
        g.writeFieldName(EVENT_TYPE);
        g.writeString(V_SERVICE_EVENT);
        g.writeFieldName(MANAGEMENT_EVENT);
        g.writeBoolean(true);
        g.writeFieldName(RECIPIENT_ACCOUNT_ID);
        g.writeString(accountId);
        g.writeFieldName(SERVICE_EVENT_DETAILS);
        g.writeStartObject();
        g.writeNumberField("droppedEvents", d.count);
        writeTime(g, FIRST_DROP_TIME, d.firstMillis);
        writeTime(g, LAST_DROP_TIME, d.lastMillis);
        g.writeStringField("reason", "ring buffer full");
        g.writeNumberField("bufferCapacity", bufferCapacity);
        g.writeEndObject();
        g.writeFieldName(EVENT_CATEGORY);
        g.writeString(V_MANAGEMENT);
        g.writeEndObject();
    }

    /** managementEvent, recipientAccountId and eventCategory, for calls (no serviceEventDetails). */
    private void writeTrailer(JsonGenerator g) throws IOException {
        g.writeFieldName(MANAGEMENT_EVENT);
        g.writeBoolean(true);
        g.writeFieldName(RECIPIENT_ACCOUNT_ID);
        g.writeString(accountId);
        g.writeFieldName(EVENT_CATEGORY);
        g.writeString(V_MANAGEMENT);
    }

    private void writeTime(JsonGenerator g, SerializableString field, long millis) throws IOException {
        g.writeFieldName(field);
        g.writeString(times.format(millis), 0, EventTimes.LENGTH);
    }

    private static void writeError(JsonGenerator g, Throwable thrown, int status) throws IOException {
        String code;
        String message;
        if (thrown != null) {
            Throwable cause = ThrownErrors.unwrap(thrown);
            code = ThrownErrors.errorCode(cause);
            message = cause.getMessage();
        } else if (status >= 400) {
            code = HttpReasons.errorCode(status);
            message = HttpReasons.errorMessage(status);
        } else {
            return;
        }
        g.writeFieldName(ERROR_CODE);
        g.writeString(JsonText.capped(code, JsonText.ONE_KB));
        if (message != null) {
            g.writeFieldName(ERROR_MESSAGE);
            g.writeString(JsonText.capped(message, JsonText.ONE_KB));
        }
    }

    private void writeRequestParameters(JsonGenerator g, ServedCall c) throws IOException {
        queries.parseInto(c.queryString, parameters);
        String[] form = c.formParameters;
        if (form != null) {
            for (int i = 0; i + 1 < form.length; i += 2) {
                if (form[i] != null) {
                    parameters.add(form[i], form[i + 1] == null ? "" : form[i + 1]);
                }
            }
        }
        bodies.addTo(parameters, c);
        if (parameters.isEmpty()) {
            g.writeNull();
        } else {
            CappedObjectWriter.write(g, sink, parameters);
        }
    }

    private static void optionalString(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, JsonText.capped(value, JsonText.ONE_KB));
        }
    }

    static boolean isReadOnly(String method) {
        return "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method)
                || "OPTIONS".equalsIgnoreCase(method);
    }

    private SerializedRecord finish(long eventTimeMillis) throws IOException {
        generator.flush();
        record.bytes = sink.bytes();
        record.length = sink.size();
        record.eventTimeMillis = eventTimeMillis;
        return record;
    }

    /** Counts the loss and starts over with a fresh generator: the old one may be mid-object. */
    private SerializedRecord failed() {
        failedRecords++;
        try {
            generator.close();
        } catch (IOException | RuntimeException ignored) {
            // it is being replaced anyway
        }
        sink.reset();
        generator = newGenerator();
        return null;
    }

    private JsonGenerator newGenerator() {
        try {
            JsonGenerator g = factory.createGenerator(sink);
            g.setRootValueSeparator(null); // records are framed by the log file writer
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory sink does not fail
        }
    }

    private static JsonFactory newFactory() {
        return JsonFactory.builder()
                // An emoji as its 4 UTF-8 bytes, not as two \\u escapes.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(JsonBodies.MAX_DEPTH)
                        .maxTokenCount(JsonBodies.MAX_TOKENS)
                        .build())
                .build();
    }

    private static SerializableString name(String s) {
        return new SerializedString(s);
    }
}
