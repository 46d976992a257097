package dev.ctagent.agent.instrumentation.awssdk;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.AmazonWebServiceClient;
import com.amazonaws.ClientConfiguration;
import com.amazonaws.Request;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.handlers.RequestHandler2;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import dev.ctagent.bridge.SdkBridge;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.SdkCall;
import dev.ctagent.runtime.config.WhenFull;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SDK advice inlined, in process, into the real SDK v2 and v1 classes; calls go to a closed port, so
 * every call fails client-side, which is a complete call for the SDKs (their failure hooks run). The
 * forked-JVM tests with the real agent jar and a real endpoint are in integration-tests.
 */
class AwsSdkInstrumentationTest {
    private static final String UNREACHABLE = "http://127.0.0.1:1";
    private static ResettableClassFileTransformer transformer;
    /** Built, and used once, before the instrumentation was installed (an agent attached to a running JVM). */
    private static S3Client builtBefore;
    private static CaptureRing ring;
    private long seen;

    @BeforeAll
    static void instrument() {
        builtBefore = v2Client();
        assertThatThrownBy(() -> builtBefore.headBucket(b -> b.bucket("b0"))).isInstanceOf(SdkClientException.class);
        ring = new CaptureRing(1024, WhenFull.DROP, 1_000_000);
        ring.setAccepting(true);
        SdkBridge.install(new SdkCapture(ring));
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .ignore(not(namedOneOf(AwsSdkInstrumentation.ADVISED)));
        transformer = AwsSdkInstrumentation.apply(builder).installOn(ByteBuddyAgent.install());
    }

    @AfterAll
    static void uninstall() {
        builtBefore.close();
        SdkBridge.install(null);
        transformer.reset(ByteBuddyAgent.install(), AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
    }

    @BeforeEach
    void mark() {
        seen = ring.captured();
    }

    /** The calls captured since the test started. */
    private List<SdkCall> captured() {
        List<SdkCall> out = new ArrayList<>();
        for (long s = seen; s < ring.captured(); s++) {
            CapturedCall c = ring.slot(s);
            assertThat(c.kind).isEqualTo(CapturedCall.SDK);
            out.add(c.sdk);
        }
        return out;
    }

    private static S3Client v2Client() {
        return S3Client.builder().endpointOverride(URI.create(UNREACHABLE)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "s")))
                .httpClient(UrlConnectionHttpClient.create()).forcePathStyle(true)
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
    }

    private static AmazonS3 v1Client(RequestHandler2... extra) {
        ClientConfiguration conf = new ClientConfiguration().withMaxErrorRetry(0).withConnectionTimeout(2000);
        return AmazonS3ClientBuilder.standard().withClientConfiguration(conf).withPathStyleAccessEnabled(true)
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(UNREACHABLE, "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIAEXAMPLE", "s")))
                .withRequestHandlers(extra).build();
    }

    @Test
    void everyV2CallOfEveryClientIsCapturedOnce() {
        try (S3Client one = v2Client(); S3Client two = v2Client()) {
            assertThatThrownBy(() -> one.headBucket(b -> b.bucket("b1"))).isInstanceOf(SdkClientException.class);
            assertThatThrownBy(() -> one.headBucket(b -> b.bucket("b1"))).isInstanceOf(SdkClientException.class);
            assertThatThrownBy(() -> two.getObjectAsBytes(b -> b.bucket("b1").key("k1")))
                    .isInstanceOf(SdkClientException.class);
        }
        List<SdkCall> calls = captured();
        assertThat(calls).extracting(c -> c.operation).containsExactly("HeadBucket", "HeadBucket", "GetObject");
        SdkCall get = calls.get(2);
        assertThat(get.service).isEqualTo("s3");
        assertThat(get.region).isEqualTo("us-east-1");
        assertThat(get.error).isInstanceOf(SdkClientException.class);
        assertThat(((dev.ctagent.bridge.SdkModel) get.model).userAgent(get.response)).startsWith("aws-sdk-java/");
        assertThat(get.model).isNotNull();
        assertThat(((dev.ctagent.bridge.SdkModel) get.model).accessKeyId(get.credentials)).isEqualTo("AKIAEXAMPLE");
        assertThat(((dev.ctagent.bridge.SdkModel) get.model).member(get.request, "Key")).isEqualTo("k1");
    }

    @Test
    void aClientBuiltBeforeTheAgentIsCapturedFromItsNextCall() {
        assertThatThrownBy(() -> builtBefore.headBucket(b -> b.bucket("b0"))).isInstanceOf(SdkClientException.class);
        assertThat(captured()).extracting(c -> c.operation).containsExactly("HeadBucket");
    }

    @Test
    void presigningIsNotACall() {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(UNREACHABLE))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAEXAMPLE", "s"))).build()) {
            presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("b1").key("k1")));
        }
        assertThat(captured()).isEmpty();
    }

    @Test
    void everyV1ClientGetsTheHandlerOnce() throws Exception {
        AmazonS3 s3 = v1Client();
        assertThat(ours(s3)).as("agent handlers on the client").hasSize(1);
        assertThatThrownBy(() -> s3.headBucket(new com.amazonaws.services.s3.model.HeadBucketRequest("b1")))
                .isInstanceOf(com.amazonaws.SdkClientException.class);
        List<SdkCall> calls = captured();
        assertThat(calls).extracting(c -> c.operation).containsExactly("HeadBucket");
        assertThat(calls.get(0).service).isEqualTo("s3");
        assertThat(calls.get(0).region).isEqualTo("us-east-1");
        assertThat(((dev.ctagent.bridge.SdkModel) calls.get(0).model).accessKeyId(calls.get(0).credentials))
                .isEqualTo("AKIAEXAMPLE");
    }

    @Test
    void v1FailuresThatSkipAfterErrorAreCapturedByTheSafetyNet() {
        RequestHandler2 failing = new RequestHandler2() {
            @Override
            public void beforeRequest(Request<?> request) {
                throw new IllegalStateException("a handler failed");
            }
        };
        AmazonS3 s3 = v1Client(failing);
        assertThatThrownBy(() -> s3.headBucket(new com.amazonaws.services.s3.model.HeadBucketRequest("b1")))
                .isInstanceOf(IllegalStateException.class);
        List<SdkCall> calls = captured();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).operation).isEqualTo("HeadBucket");
        assertThat(calls.get(0).error).isInstanceOf(IllegalStateException.class);
    }

    private static List<Object> ours(Object client) throws Exception {
        Field f = AmazonWebServiceClient.class.getDeclaredField("requestHandler2s");
        f.setAccessible(true);
        List<Object> out = new ArrayList<>();
        for (Object h : (List<?>) f.get(client)) {
            if (h.getClass().getName().startsWith("dev.ctagent.sdkhooks.")) {
                out.add(h);
            }
        }
        return out;
    }
}
