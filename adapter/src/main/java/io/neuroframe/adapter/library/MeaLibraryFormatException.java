package io.neuroframe.adapter.library;

import java.io.IOException;
import java.nio.file.Path;

/** A file that does not follow a documented HDF5 layout; the message names the file and the dataset. */
public final class MeaLibraryFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public MeaLibraryFormatException(Path file, String dataset, String problem) {
        super(file + ": " + dataset + ": " + problem);
    }

    public MeaLibraryFormatException(Path file, String dataset, String problem, Throwable cause) {
        super(file + ": " + dataset + ": " + problem, cause);
    }
}
