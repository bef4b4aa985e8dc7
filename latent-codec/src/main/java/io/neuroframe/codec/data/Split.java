package io.neuroframe.codec.data;

import java.util.Locale;

/** The part of a dataset a whole trajectory belongs to. */
public enum Split {
    TRAIN,
    VALIDATION;

    /** The name used in the manifest: {@code train} or {@code validation}. */
    public String manifestName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a manifest name.
     *
     * @throws IllegalArgumentException for anything but {@code train} or {@code validation}
     */
    public static Split fromManifestName(String name) {
        for (Split split : values()) {
            if (split.manifestName().equals(name)) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "', expected train or validation");
    }
}
