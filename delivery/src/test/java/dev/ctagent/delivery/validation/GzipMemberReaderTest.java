package dev.ctagent.delivery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctagent.delivery.validation.GzipMemberReader.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class GzipMemberReaderTest {
    private final GzipMemberReader reader = new GzipMemberReader(7, 5); // tiny buffers: every boundary is crossed
    private final ByteArrayOutputStream inflated = new ByteArrayOutputStream();

    private Status read(byte[] gz) throws IOException {
        inflated.reset();
        return reader.read(new ByteArrayInputStream(gz), inflated::write);
    }

    private static byte[] text(int size) {
        Random r = new Random(size);
        StringBuilder s = new StringBuilder();
        while (s.length() < size) {
            s.append("{\"eventName\":\"Op").append(r.nextInt(1000)).append("\"},");
        }
        return s.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void inflatesOneMemberOfAnySize() throws IOException {
        for (int size : new int[] {0, 1, 100, 70_000}) {
            byte[] data = text(size);
            assertThat(read(TrailFixture.gzip(data))).isEqualTo(Status.COMPLETE);
            assertThat(inflated.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void readsEveryOptionalHeaderField() throws IOException {
        byte[] data = text(1000);
        byte[] gz = member(data, true);

        assertThat(read(gz)).isEqualTo(Status.COMPLETE);
        assertThat(inflated.toByteArray()).isEqualTo(data);

        byte[] wrongHeaderCrc = gz.clone();
        wrongHeaderCrc[10 + 2 + 3 + 6 + 8] ^= 1; // first byte of the header CRC
        assertThat(read(wrongHeaderCrc)).isEqualTo(Status.CORRUPT);
    }

    @Test
    void tellsTrailingDataTruncationAndCorruptionApart() throws IOException {
        byte[] gz = TrailFixture.gzip(text(5000));

        assertThat(read(concat(gz, new byte[] {0}))).isEqualTo(Status.TRAILING_DATA);
        assertThat(read(concat(gz, gz))).isEqualTo(Status.TRAILING_DATA);
        assertThat(read(Arrays.copyOf(gz, gz.length - 1))).isEqualTo(Status.TRUNCATED);
        assertThat(read(Arrays.copyOf(gz, 20))).isEqualTo(Status.TRUNCATED);
        assertThat(read(new byte[0])).isEqualTo(Status.TRUNCATED);
        assertThat(read(Arrays.copyOf(gz, 5))).isEqualTo(Status.TRUNCATED);

        byte[] crc = gz.clone();
        crc[gz.length - 6] ^= 0x10;
        assertThat(read(crc)).isEqualTo(Status.CORRUPT);
        byte[] size = gz.clone();
        size[gz.length - 1] ^= 0x10;
        assertThat(read(size)).isEqualTo(Status.CORRUPT);
        byte[] magic = gz.clone();
        magic[1] = 0;
        assertThat(read(magic)).isEqualTo(Status.CORRUPT);
        assertThat(read("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Status.CORRUPT);
    }

    @Test
    void copesWithAStreamThatReturnsFewBytesAtATime() throws IOException {
        byte[] data = text(20_000);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(TrailFixture.gzip(data))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        inflated.reset();
        assertThat(reader.read(trickle, inflated::write)).isEqualTo(Status.COMPLETE);
        assertThat(inflated.toByteArray()).isEqualTo(data);
        assertThat(reader.compressedBytes()).isEqualTo(TrailFixture.gzip(data).length);
    }

    /** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC. */
    private static byte[] member(byte[] data, boolean allFields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x1f);
        out.write(0x8b);
        out.write(8);
        out.write(allFields ? 4 | 8 | 16 | 2 : 0);
        out.writeBytes(new byte[] {0, 0, 0, 0, 0, (byte) 0xff});
        if (allFields) {
            out.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
            out.writeBytes("name.j\0".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes("comment\0".getBytes(StandardCharsets.US_ASCII));
            CRC32 h = new CRC32();
            h.update(out.toByteArray());
            long v = h.getValue();
            out.write((int) (v & 0xff));
            out.write((int) (v >> 8 & 0xff));
        }
        Deflater d = new Deflater(6, true);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[1024];
        while (!d.finished()) {
            int n = d.deflate(buf);
            out.write(buf, 0, n);
        }
        d.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        long c = crc.getValue();
        for (int i = 0; i < 4; i++) {
            out.write((int) (c >> (8 * i) & 0xff));
        }
        for (int i = 0; i < 4; i++) {
            out.write(data.length >> (8 * i) & 0xff);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
