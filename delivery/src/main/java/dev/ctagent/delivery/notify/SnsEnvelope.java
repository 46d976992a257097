package dev.ctagent.delivery.notify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * The JSON document SNS POSTs to an HTTP(S) subscriber for one notification, signed as SNS signs it with
 * {@code SignatureVersion 2} (SHA256withRSA over {@link SnsStringToSign}):
 * {@code Type, MessageId, TopicArn, Message, Timestamp, SignatureVersion, Signature, SigningCertURL,
 * UnsubscribeURL}. There is no {@code Subject}: CloudTrail's notifications carry none (see {@link SnsNotifier}).
 */
final class SnsEnvelope {
    static final String TYPE_NOTIFICATION = "Notification";
    static final String SIGNATURE_VERSION = "2";
    /** ISO-8601 UTC with milliseconds, as SNS writes it: {@code 2012-04-26T20:45:04.751Z}. */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] REPLACEMENT_CHARACTER = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    private SnsEnvelope() {}

    /** The UTF-8 body to POST for {@code notification}. */
    static byte[] signedJson(Notification notification, String topicArn, String signingCertUrl, String unsubscribeUrl,
            NotificationSigningKey key) {
        // The receiver rebuilds the signed text from what it parses out of the body, so both are made from the
        // same well-formed strings (an unpaired surrogate has no UTF-8 form and would change on the way).
        String message = wellFormed(notification.message());
        String arn = wellFormed(topicArn);
        String timestamp = TIMESTAMP.format(notification.timestamp());
        String toSign = SnsStringToSign.notification(message, notification.messageId(), null, timestamp, arn);
        String signature = Base64.getEncoder().encodeToString(key.sign(toSign.getBytes(StandardCharsets.UTF_8)));

        StringWriter body = new StringWriter(message.length() + 1024);
        try (JsonGenerator g = JSON.createGenerator(body)) {
            g.writeStartObject();
            g.writeStringField("Type", TYPE_NOTIFICATION);
            g.writeStringField("MessageId", notification.messageId());
            g.writeStringField("TopicArn", arn);
            g.writeStringField("Message", message);
            g.writeStringField("Timestamp", timestamp);
            g.writeStringField("SignatureVersion", SIGNATURE_VERSION);
            g.writeStringField("Signature", signature);
            g.writeStringField("SigningCertURL", wellFormed(signingCertUrl));
            g.writeStringField("UnsubscribeURL", wellFormed(unsubscribeUrl));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code text} with each unpaired UTF-16 surrogate replaced by U+FFFD. */
    static String wellFormed(String text) {
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(REPLACEMENT_CHARACTER);
        try {
            ByteBuffer bytes = utf8.encode(CharBuffer.wrap(text));
            return StandardCharsets.UTF_8.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e); // REPLACE never reports
        }
    }
}
