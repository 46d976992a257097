package dev.ctagent.delivery.record;

import static dev.ctagent.delivery.record.RecordSerializer.AWS_REGION;
import static dev.ctagent.delivery.record.RecordSerializer.ERROR_CODE;
import static dev.ctagent.delivery.record.RecordSerializer.ERROR_MESSAGE;
import static dev.ctagent.delivery.record.RecordSerializer.EVENT_CATEGORY;
import static dev.ctagent.delivery.record.RecordSerializer.EVENT_ID;
import static dev.ctagent.delivery.record.RecordSerializer.EVENT_NAME;
import static dev.ctagent.delivery.record.RecordSerializer.EVENT_SOURCE;
import static dev.ctagent.delivery.record.RecordSerializer.EVENT_TIME;
import static dev.ctagent.delivery.record.RecordSerializer.EVENT_TYPE;
import static dev.ctagent.delivery.record.RecordSerializer.EVENT_VERSION;
import static dev.ctagent.delivery.record.RecordSerializer.MANAGEMENT_EVENT;
import static dev.ctagent.delivery.record.RecordSerializer.READ_ONLY;
import static dev.ctagent.delivery.record.RecordSerializer.RECIPIENT_ACCOUNT_ID;
import static dev.ctagent.delivery.record.RecordSerializer.REQUEST_ID;
import static dev.ctagent.delivery.record.RecordSerializer.REQUEST_PARAMETERS;
import static dev.ctagent.delivery.record.RecordSerializer.RESPONSE_ELEMENTS;
import static dev.ctagent.delivery.record.RecordSerializer.SOURCE_IP_ADDRESS;
import static dev.ctagent.delivery.record.RecordSerializer.USER_AGENT;
import static dev.ctagent.delivery.record.RecordSerializer.USER_IDENTITY;
import static dev.ctagent.delivery.record.RecordSerializer.V_API_CALL;
import static dev.ctagent.delivery.record.RecordSerializer.V_EVENT_VERSION;
import static dev.ctagent.delivery.record.RecordSerializer.V_MANAGEMENT;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.ctagent.bridge.SdkModel;
import dev.ctagent.runtime.capture.SdkCall;
import java.io.IOException;

/**
 * Writes a call the application made through an AWS SDK as the record AWS would have written for it, as
 * far as the calling side knows it ({@code eventType} AwsApiCall):
 * <ul>
 *   <li>eventSource from the signing name ({@link SdkEventSources}), eventName the operation, awsRegion
 *       the client's region (else {@code ct.region}), eventTime the completion time, sourceIPAddress this
 *       host's address, userAgent the SDK's.</li>
 *   <li>userIdentity from the signing credentials ({@link SdkIdentities}); recipientAccountId the
 *       identity's account when STS told the application, else {@code ct.account.id}.</li>
 *   <li>requestParameters: the request's members ({@link ModelJsonWriter}); null when it has none.
 *       responseElements: the response's members for calls that are not read-only, null for read-only
 *       calls, failed calls and empty responses. Both capped at 100 KB like served calls.</li>
 *   <li>errorCode/errorMessage: the service's error, or the simple name and message of a client-side
 *       failure. requestID: the service's (absent when the call never reached it).</li>
 *   <li>readOnly, eventCategory and managementEvent per {@link SdkOperations}; resources per
 *       {@link SdkResources}.</li>
 * </ul>
 */
final class SdkRecordWriter {
    private static final SerializableString V_DATA = new SerializedString("Data");

    private final EventIds ids;
    private final EventTimes times;
    private final String defaultRegion;
    private final String defaultAccount;
    private final SdkEventSources sources = new SdkEventSources();
    private final SdkIdentities identities;
    private final SdkPayloads payloads;
    private final ModelJsonWriter models;
    private final HostAddress host = new HostAddress();

    SdkRecordWriter(EventIds ids, EventTimes times, Redaction redaction, String region, String accountId,
            boolean recordPayloads) {
        this.ids = ids;
        this.times = times;
        this.defaultRegion = region;
        this.defaultAccount = accountId;
        this.identities = new SdkIdentities(accountId);
        this.payloads = new SdkPayloads(recordPayloads);
        this.models = new ModelJsonWriter(redaction);
    }

    void write(JsonGenerator g, ByteSink sink, SdkCall c, long millis) throws IOException {
        SdkModel model = (SdkModel) c.model;
        String accessKeyId = model.accessKeyId(c.credentials);
        if (c.error == null) {
            identities.learn(c.service, c.operation, model, c.response, accessKeyId);
        }
        String region = c.region != null && !c.region.isEmpty() ? JsonText.capped(c.region, JsonText.ONE_KB)
                : defaultRegion;
        String account = identities.accountOf(accessKeyId, defaultAccount);
        boolean readOnly = SdkOperations.readOnly(c.operation);
        boolean data = SdkOperations.dataEvent(c.service, c.operation);
        boolean s3 = "s3".equals(c.service);

        g.writeStartObject();
        g.writeFieldName(EVENT_VERSION);
        g.writeString(V_EVENT_VERSION);
        g.writeFieldName(USER_IDENTITY);
        identities.write(g, accessKeyId, model.sessionCredentials(c.credentials));
        g.writeFieldName(EVENT_TIME);
        g.writeString(times.format(millis), 0, EventTimes.LENGTH);
        g.writeFieldName(EVENT_SOURCE);
        g.writeString(JsonText.capped(sources.of(c.service), JsonText.ONE_KB));
        g.writeFieldName(EVENT_NAME);
        g.writeString(JsonText.capped(c.operation, JsonText.ONE_KB));
        g.writeFieldName(AWS_REGION);
        g.writeString(region);
        g.writeFieldName(SOURCE_IP_ADDRESS);
        g.writeString(host.get());
        String userAgent = c.userAgent != null ? c.userAgent : model.userAgent(c.response);
        if (userAgent != null) {
            g.writeFieldName(USER_AGENT);
            g.writeString(JsonText.capped(userAgent, JsonText.ONE_KB));
        }
        if (c.error != null) {
            writeError(g, model, c.error);
        }
        g.writeFieldName(REQUEST_PARAMETERS);
        writeModel(g, sink, model, c.request, c.service, s3);
        g.writeFieldName(RESPONSE_ELEMENTS);
        if (readOnly || c.error != null || c.response == null) {
            g.writeNull();
        } else {
            writeModel(g, sink, model, c.response, c.service, false);
        }
        String requestId = model.requestId(c.response, c.error);
        if (requestId != null) {
            g.writeFieldName(REQUEST_ID);
            g.writeString(JsonText.capped(requestId, JsonText.ONE_KB));
        }
        g.writeFieldName(EVENT_ID);
        g.writeString(ids.next(), 0, EventIds.LENGTH);
        g.writeFieldName(READ_ONLY);
        g.writeBoolean(readOnly);
        SdkResources.write(g, c.service, model, c.request, c.response, region, account);
        g.writeFieldName(EVENT_TYPE);
        g.writeString(V_API_CALL);
        g.writeFieldName(MANAGEMENT_EVENT);
        g.writeBoolean(!data);
        g.writeFieldName(RECIPIENT_ACCOUNT_ID);
        g.writeString(account);
        g.writeFieldName(EVENT_CATEGORY);
        g.writeString(data ? V_DATA : V_MANAGEMENT);
        g.writeEndObject();
    }

    private static void writeError(JsonGenerator g, SdkModel model, Throwable error) throws IOException {
        String code = model.errorCode(error);
        g.writeFieldName(ERROR_CODE);
        g.writeString(JsonText.capped(code == null ? error.getClass().getSimpleName() : code, JsonText.ONE_KB));
        String message = model.errorMessage(error);
        if (message != null) {
            g.writeFieldName(ERROR_MESSAGE);
            g.writeString(JsonText.capped(message, JsonText.ONE_KB));
        }
    }

    /** A model object, or null when it has no members; over 100 KB it is omitted like any parameters. */
    private void writeModel(JsonGenerator g, ByteSink sink, SdkModel model, Object pojo, String service,
            boolean s3) throws IOException {
        if (pojo == null) {
            g.writeNull();
            return;
        }
        ModelJsonWriter out = models.on(g, payloads.of(service), s3);
        CappedObjectWriter.writeOrNull(g, sink, () -> model.write(pojo, out));
    }
}
