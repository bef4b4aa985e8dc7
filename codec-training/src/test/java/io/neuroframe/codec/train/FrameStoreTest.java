package io.neuroframe.codec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.TokenWindow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameStoreTest {
    @TempDir
    Path dir;

    @Test
    void keepsFramesToEightBitPrecisionAndCutsWindowsAtTheirPixels() throws IOException {
        FrameStore store = SyntheticFrames.store(dir, 2, 3);
        float[] original = SyntheticFrames.frame(3 * 1000 + 1);
        float[] back = store.frame(1);
        for (int i = 0; i < original.length; i++) {
            assertEquals(original[i], back[i], 0.5f / 255 + 1e-6f, "value " + i);
        }
        TokenWindow window = new TokenWindow(2, 3, 2, 4);
        float[] crop = new float[3 * 40 * 80];
        store.readWindow(1, window, crop, 0);
        int y = 40 + 17;
        int x = 60 + 33;
        float expected = back[LatentContract.imageIndex(2, y, x)] * 2 - 1;
        assertEquals(expected, crop[(2 * 40 + 17) * 80 + 33], 1e-6f);
    }

    @Test
    void reusesTheCacheFileAndRebuildsItWhenTheSourceChanges() throws IOException {
        AtomicInteger loads = new AtomicInteger();
        Path file = dir.resolve("cache.u8");
        FrameStore.openOrBuild(file, 2, 42, i -> {
            loads.incrementAndGet();
            return SyntheticFrames.frame(i);
        }, (done, total) -> { });
        FrameStore.openOrBuild(file, 2, 42, i -> {
            loads.incrementAndGet();
            return SyntheticFrames.frame(i);
        }, (done, total) -> { });
        assertEquals(2, loads.get(), "second open must read the cache");
        FrameStore.openOrBuild(file, 2, 43, i -> {
            loads.incrementAndGet();
            return SyntheticFrames.frame(i);
        }, (done, total) -> { });
        assertEquals(4, loads.get(), "a new fingerprint must rebuild");
    }

    @Test
    void rejectsAFrameOfTheWrongSizeAndLeavesNoPartialFile() throws IOException {
        Path file = dir.resolve("bad.u8");
        assertThrows(IllegalArgumentException.class,
                () -> FrameStore.openOrBuild(file, 1, 1, i -> new float[10], (done, total) -> { }));
        try (var listing = Files.list(dir)) {
            assertEquals(0, listing.count());
        }
    }
}
