package dev.ctagent.delivery.destination;

import dev.ctagent.delivery.validation.LocalTrailStore;
import dev.ctagent.delivery.validation.TrailStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The destination contract for a local directory standing for the bucket, read back with
 * {@link LocalTrailStore} (user metadata from the signature sidecars). A directory keeps no content headers.
 */
class LocalDirectoryDestinationContractTest extends DestinationContract {
    private static final String BUCKET = "trail-bucket";
    private Path ctDir;

    @Override
    Destination newDestination(Path work) {
        ctDir = work.resolve("ct");
        return new LocalDirectoryDestination(ctDir, BUCKET);
    }

    @Override
    TrailStore store() throws Exception {
        Files.createDirectories(ctDir.resolve(BUCKET));
        return new LocalTrailStore(ctDir.resolve(BUCKET));
    }

    /** A "ct.dir" that is a file: no bucket folder can be made in it. */
    @Override
    Destination failingDestination(Path work) throws Exception {
        Path notADirectory = Files.write(work.resolve("ct-file"), new byte[] {1});
        return new LocalDirectoryDestination(notADirectory, BUCKET);
    }

    @Override
    String expectedLocation() {
        return ctDir.resolve(BUCKET).toString();
    }
}
