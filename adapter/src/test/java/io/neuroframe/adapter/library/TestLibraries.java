package io.neuroframe.adapter.library;

import io.neuroframe.adapter.mea.MeaGeometry;
import java.util.SplittableRandom;

/** Small synthetic libraries for tests. */
final class TestLibraries {

    private TestLibraries() {
    }

    /** A 8 x 8 array, 3 sites, 2 currents, 4 trials, each response a blob whose density is set by {@code fill}. */
    static RecordedLibrary small(double fill, long seed) {
        MeaGeometry g = new MeaGeometry(8, 8, 42.0);
        int[] sites = {g.index(1, 1), g.index(4, 5), g.index(6, 2)};
        int trials = 4;
        float[] flat = new float[sites.length * 2 * trials * g.electrodes()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < flat.length; i++) {
            if (random.nextDouble() < fill) {
                flat[i] = 1 + random.nextInt(5);
            }
        }
        return RecordedLibrary.ofDense(g, new float[] {1f, 3f}, sites, flat, trials,
                new RecordedLibrary.Metadata("spikes", 20.0, "test fixture seed=" + seed));
    }
}
