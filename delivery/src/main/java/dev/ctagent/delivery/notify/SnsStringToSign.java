package dev.ctagent.delivery.notify;

/**
 * What SNS signs in a {@code Notification} envelope (SNS "Verifying the signatures of Amazon SNS messages"):
 * for each of {@code Message, MessageId, Subject, Timestamp, TopicArn, Type} that is present, in that order,
 * the key, a newline, the value (unescaped, as a receiver parses it out of the JSON) and a newline. The
 * signature is over this text's UTF-8 bytes.
 */
final class SnsStringToSign {
    private SnsStringToSign() {}

    /** {@code subject} may be null (no {@code Subject} in the envelope); the other values must be present. */
    static String notification(String message, String messageId, String subject, String timestamp, String topicArn) {
        StringBuilder text = new StringBuilder(message.length() + 256);
        line(text, "Message", message);
        line(text, "MessageId", messageId);
        if (subject != null) {
            line(text, "Subject", subject);
        }
        line(text, "Timestamp", timestamp);
        line(text, "TopicArn", topicArn);
        line(text, "Type", SnsEnvelope.TYPE_NOTIFICATION);
        return text.toString();
    }

    private static void line(StringBuilder text, String key, String value) {
        text.append(key).append('\n').append(value).append('\n');
    }
}
