package dev.ctagent.delivery.validation;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Read access to one bucket holding a trail, shaped like the S3 calls the AWS CLI's validator makes
 * (ListObjects, GetObject, the user metadata of HeadObject/GetObject), so that an S3-backed store can stand
 * in for {@link LocalTrailStore}. Keys are S3 keys ({@code [prefix/]AWSLogs/...}), never file paths.
 */
public interface TrailStore {
    /** The bucket's name; objects are printed as {@code s3://<bucket>/<key>}. */
    String bucket();

    /** Every key that starts with {@code prefix}, in UTF-8 byte order (ListObjects' order). */
    List<String> list(String prefix) throws IOException;

    /**
     * The "common prefixes" of a ListObjects call with delimiter {@code /}: each full prefix (ending in '/')
     * of a folder directly under {@code prefix}, in byte order.
     */
    List<String> listFolders(String prefix) throws IOException;

    /**
     * Opens an object's bytes.
     *
     * @throws NoSuchKeyException when there is no such object
     */
    InputStream open(String key) throws IOException;

    /** All of an object's bytes. */
    default byte[] read(String key) throws IOException {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        }
    }

    /**
     * An object's user metadata, keyed as botocore exposes it ({@code x-amz-meta-signature} is
     * {@code signature}); empty when the object has none.
     *
     * @throws NoSuchKeyException when there is no such object
     */
    Map<String, String> metadata(String key) throws IOException;
}
