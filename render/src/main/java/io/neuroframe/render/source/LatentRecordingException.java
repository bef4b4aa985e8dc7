package io.neuroframe.render.source;

import java.io.IOException;

/** A latent recording file that cannot be read; the message names the file, the field or offset and what was expected. */
public final class LatentRecordingException extends IOException {
    LatentRecordingException(String message) {
        super(message);
    }
}
