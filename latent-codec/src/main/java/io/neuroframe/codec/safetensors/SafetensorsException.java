package io.neuroframe.codec.safetensors;

import java.io.IOException;

/** A safetensors file that does not follow the format; the message names the file and what is wrong where. */
public class SafetensorsException extends IOException {

    public SafetensorsException(String message) {
        super(message);
    }

    public SafetensorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
