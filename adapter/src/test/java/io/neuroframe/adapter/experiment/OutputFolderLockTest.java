package io.neuroframe.adapter.experiment;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderLockTest {
    @TempDir
    Path dir;

    @Test
    void aFolderHeldByOneExperimentIsRefusedToAnotherUntilReleased() throws Exception {
        Path out = dir.resolve("ood-a");
        OutputFolderLock first = OutputFolderLock.acquire(out);
        assertTrue(Files.isRegularFile(out.resolve(OutputFolderLock.FILE)), "the folder is made and holds the lock file");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputFolderLock.acquire(out));
        assertTrue(e.getMessage().startsWith(out + ": another experiment process is writing to this folder"),
                e.getMessage());
        first.close();
        OutputFolderLock.acquire(out).close();
        OutputFolderLock.acquire(dir.resolve("ood-b")).close();
    }
}
