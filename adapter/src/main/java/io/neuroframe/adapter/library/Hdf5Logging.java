package io.neuroframe.adapter.library;

import java.util.logging.Level;
import java.util.logging.Logger;

/** jHDF logs every object it writes at INFO and harmless parser notes at WARNING; keep only its errors. */
final class Hdf5Logging {

    private static final Logger JHDF = Logger.getLogger("io.jhdf");

    private Hdf5Logging() {
    }

    static void quiet() {
        JHDF.setLevel(Level.SEVERE);
    }
}
