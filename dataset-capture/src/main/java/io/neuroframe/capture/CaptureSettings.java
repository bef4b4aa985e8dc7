package io.neuroframe.capture;

import com.google.gson.JsonObject;
import io.neuroframe.api.LatentContract;

/**
 * What a dataset is made of. Stored as {@value #FILE_NAME} in the dataset folder; a resumed run must use the same
 * settings. Every dataset has frames of the latent contract's size taken at Oasis's 20 steps per second.
 */
public interface CaptureSettings {
    /** Name of the settings file in a dataset folder. */
    String FILE_NAME = "dataset.json";
    /** Frame width in pixels (the latent contract's). */
    int WIDTH = LatentContract.IMAGE_WIDTH;
    /** Frame height in pixels (the latent contract's). */
    int HEIGHT = LatentContract.IMAGE_HEIGHT;
    /** Simulation steps (and frames) per second, as Oasis's 20 frames per second. */
    int FRAMES_PER_SECOND = 20;
    /** Simulated seconds per frame. */
    float STEP_SECONDS = 1f / FRAMES_PER_SECOND;

    /** Frames of the whole dataset. */
    int totalFrames();

    /** The settings as the JSON written to {@value #FILE_NAME}; ends with {@link #addFrameFormat}'s fields. */
    JsonObject toJson();

    /** Adds the frame size and rate ({@code width}, {@code height}, {@code framesPerSecond}) to {@code json}. */
    static void addFrameFormat(JsonObject json) {
        json.addProperty("width", WIDTH);
        json.addProperty("height", HEIGHT);
        json.addProperty("framesPerSecond", FRAMES_PER_SECOND);
    }
}
