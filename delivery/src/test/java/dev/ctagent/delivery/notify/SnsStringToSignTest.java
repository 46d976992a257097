package dev.ctagent.delivery.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnsStringToSignTest {
    // The values of the Notification example on SNS's "HTTP/HTTPS notification JSON format" page.
    private static final String MESSAGE_ID = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324";
    private static final String TOPIC_ARN = "arn:aws:sns:us-west-2:123456789012:MyTopic";
    private static final String TIMESTAMP = "2012-05-02T00:54:06.655Z";

    @Test
    void aNotificationWithASubjectSignsItsSixKeysInOrder() {
        String text = SnsStringToSign.notification("Hello world!", MESSAGE_ID, "My First Message", TIMESTAMP, TOPIC_ARN);

        assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo((""
                + "Message\nHello world!\n"
                + "MessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\n"
                + "Subject\nMy First Message\n"
                + "Timestamp\n2012-05-02T00:54:06.655Z\n"
                + "TopicArn\narn:aws:sns:us-west-2:123456789012:MyTopic\n"
                + "Type\nNotification\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void withoutASubjectTheKeyIsLeftOutNotWrittenEmpty() {
        String cloudTrailMessage = "{\"s3Bucket\":\"b\",\"s3ObjectKey\":[\"AWSLogs/k.json.gz\"]}";
        String text = SnsStringToSign.notification(cloudTrailMessage, MESSAGE_ID, null, TIMESTAMP, TOPIC_ARN);

        // The message is signed as the receiver parses it out of the JSON: its quotes unescaped.
        assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo((""
                + "Message\n{\"s3Bucket\":\"b\",\"s3ObjectKey\":[\"AWSLogs/k.json.gz\"]}\n"
                + "MessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\n"
                + "Timestamp\n2012-05-02T00:54:06.655Z\n"
                + "TopicArn\narn:aws:sns:us-west-2:123456789012:MyTopic\n"
                + "Type\nNotification\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void lineBreaksAndNonAsciiInTheMessageAreSignedAsTheyAreInUtf8() {
        String text = SnsStringToSign.notification("two\nlines é 😀", MESSAGE_ID, null, TIMESTAMP, TOPIC_ARN);

        assertThat(text.getBytes(StandardCharsets.UTF_8)).startsWith(new byte[] {
            'M', 'e', 's', 's', 'a', 'g', 'e', '\n', 't', 'w', 'o', '\n', 'l', 'i', 'n', 'e', 's', ' ',
            (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '\n',
            'M', 'e', 's', 's', 'a', 'g', 'e', 'I', 'd', '\n'});
    }
}
