package dev.ctagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.cloudtrail.processinglibrary.AWSCloudTrailProcessingExecutor;
import com.amazonaws.services.cloudtrail.processinglibrary.configuration.ClientConfiguration;
import com.amazonaws.services.cloudtrail.processinglibrary.model.CloudTrailEvent;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ctagent.delivery.aws.MotoServerProcess;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The real agent delivering to moto's S3 and announcing every delivered log file to an SNS topic (moto)
 * and to a webhook: the CloudTrail Processing Library, fed by the topic's SQS subscription, reads every
 * record; the webhook receiver verifies every envelope with the certificate the agent published.
 */
class NotificationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "123456789012";
    private static final String BUCKET = "notified-trail";

    @TempDir
    Path work;

    @Test
    void theProcessingLibraryAndASigningCheckingWebhookGetEveryDeliveredFile() throws Exception {
        List<JsonNode> envelopes = new CopyOnWriteArrayList<>();
        List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/ct-hook", ex -> {
            Map<String, String> h = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
            headers.add(h);
            envelopes.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        webhook.start();
        try (MotoServerProcess moto = MotoServerProcess.start()) {
            AwsBasicCredentials creds = AwsBasicCredentials.create("test", "test");
            String topicArn;
            String queueUrl;
            try (S3Client s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                    .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(creds)).build();
                 SnsClient sns = SnsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(creds)).build();
                 SqsClient sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(creds)).build()) {
                s3.createBucket(b -> b.bucket(BUCKET));
                topicArn = sns.createTopic(b -> b.name("trail-deliveries")).topicArn();
                queueUrl = sqs.createQueue(b -> b.queueName("trail-deliveries")).queueUrl();
                String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
                sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
            }

            Map<String, String> settings = new HashMap<>();
            settings.put("ct.dir", work.resolve("agent").toString());
            settings.put("ct.account.id", ACCOUNT);
            settings.put("ct.region", REGION);
            settings.put("ct.trail.name", "notified");
            settings.put("ct.s3.bucket", BUCKET);
            settings.put("ct.s3.endpoint", moto.endpoint().toString());
            settings.put("ct.s3.pathStyle", "true");
            settings.put("ct.sns.topicArn", topicArn);
            settings.put("ct.sns.endpoint", moto.endpoint().toString());
            settings.put("ct.notify.webhook.url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/ct-hook");
            settings.put("ct.delivery.interval", "PT1S");
            settings.put("ct.digest.interval", "PT5S");
            List<String> ids = new ArrayList<>();
            try (ForkedApp app = ForkedApp.start(Paths.THIS_JAVA, ForkedApp.agentArgs(settings),
                    env -> env.putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test")),
                    Paths.JETTY_APP, "0")) {
                Http http = new Http(app.awaitReady());
                long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                while (System.nanoTime() < until) {
                    ids.add(http.get("/hello").requestId());
                    Thread.sleep(10);
                }
                assertThat(app.stop()).isIn(0, 143);
                assertThat(app.stderr()).noneMatch(l -> l.contains("[ct-agent]") && !l.contains("stopped:") && l.contains("failed"));
            }

            // the webhook: the validation message first, then every log file, each envelope signed
            assertThat(envelopes).isNotEmpty();
            assertThat(envelopes.get(0).get("Message").asText()).isEqualTo("CloudTrail validation message.");
            X509Certificate cert = certificate(moto.endpoint().toString(), envelopes.get(0).get("SigningCertURL").asText());
            List<String> announced = new ArrayList<>();
            for (int i = 0; i < envelopes.size(); i++) {
                JsonNode e = envelopes.get(i);
                assertThat(e.get("Type").asText()).isEqualTo("Notification");
                assertThat(e.get("SignatureVersion").asText()).isEqualTo("2");
                assertThat(verify(e, cert)).as("signature of envelope %d", i).isTrue();
                assertThat(headers.get(i)).containsEntry("x-amz-sns-message-type", "Notification")
                        .containsEntry("x-amz-sns-message-id", e.get("MessageId").asText())
                        .containsEntry("user-agent", "Amazon Simple Notification Service Agent");
                if (i > 0) {
                    JsonNode m = JSON.readTree(e.get("Message").asText());
                    assertThat(m.get("s3Bucket").asText()).isEqualTo(BUCKET);
                    m.get("s3ObjectKey").forEach(k -> announced.add(k.asText()));
                }
            }
            assertThat(announced).isNotEmpty().doesNotHaveDuplicates().allMatch(k -> TrailFiles.CPL_KEY.matcher(k).matches());

            // the Processing Library, from the topic's queue, reads every record of every file
            List<String> read = new CopyOnWriteArrayList<>();
            BasicAWSCredentials v1 = new BasicAWSCredentials("test", "test");
            EndpointConfiguration endpoint = new EndpointConfiguration(moto.endpoint().toString(), REGION);
            ClientConfiguration config = new ClientConfiguration(queueUrl, new AWSStaticCredentialsProvider(v1));
            config.setSqsRegion(REGION);
            config.setS3Region(REGION);
            AWSCloudTrailProcessingExecutor cpl = new AWSCloudTrailProcessingExecutor.Builder(events -> {
                for (CloudTrailEvent event : events) {
                    read.add(event.getEventData().getRequestId());
                }
            }, config)
                    .withS3Client(AmazonS3ClientBuilder.standard().withEndpointConfiguration(endpoint)
                            .withPathStyleAccessEnabled(true).withCredentials(new AWSStaticCredentialsProvider(v1)).build())
                    .withSQSClient(AmazonSQSClientBuilder.standard().withEndpointConfiguration(endpoint)
                            .withCredentials(new AWSStaticCredentialsProvider(v1)).build())
                    .build();
            cpl.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (read.size() < ids.size() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
            } finally {
                cpl.stop();
            }
            assertThat(read).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            webhook.stop(0);
        }
    }

    /**
     * What a receiver does: fetch the certificate the envelope names — here the object the agent published
     * in the (private) bucket, read with the bucket's credentials.
     */
    private static X509Certificate certificate(String endpoint, String url) throws Exception {
        String prefix = endpoint + "/" + BUCKET + "/";
        assertThat(url).startsWith(prefix).endsWith(".pem");
        String key = url.substring(prefix.length());
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            byte[] pem = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
        }
    }

    /** SNS's SignatureVersion 2 check: the fields of the string to sign, in order, then SHA256withRSA. */
    private static boolean verify(JsonNode envelope, X509Certificate cert) throws Exception {
        StringBuilder toSign = new StringBuilder();
        for (String key : List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")) {
            JsonNode v = envelope.get(key);
            if (v != null && !v.isNull()) {
                toSign.append(key).append('\n').append(v.asText()).append('\n');
            }
        }
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initVerify(cert.getPublicKey());
        sig.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
        return sig.verify(Base64.getDecoder().decode(envelope.get("Signature").asText()));
    }
}
