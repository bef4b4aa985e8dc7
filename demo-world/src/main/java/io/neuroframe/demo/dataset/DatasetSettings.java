package io.neuroframe.demo.dataset;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.neuroframe.api.LatentContract;
import io.neuroframe.demo.style.Style;
import java.util.List;

/**
 * What a dataset is made of. Stored as {@value #FILE_NAME} in the dataset folder; a resumed run must use the same
 * settings.
 *
 * @param styles the styles, in order; frames are shared out evenly between them
 * @param frames total frames (at least 1)
 * @param seed seed of worlds and scripted players
 * @param trajectoryLength frames per trajectory (the last of a style may be shorter)
 * @param viewRadius terrain radius around the player in chunks
 */
public record DatasetSettings(List<Style> styles, int frames, long seed, int trajectoryLength, int viewRadius) {
    /** Name of the settings file in a dataset folder. */
    public static final String FILE_NAME = "dataset.json";
    /** Frame width in pixels (the latent contract's). */
    public static final int WIDTH = LatentContract.IMAGE_WIDTH;
    /** Frame height in pixels (the latent contract's). */
    public static final int HEIGHT = LatentContract.IMAGE_HEIGHT;
    /** Simulation steps (and frames) per second, as Oasis's 20 frames per second. */
    public static final int FRAMES_PER_SECOND = 20;
    /** Simulated seconds per frame. */
    public static final float STEP_SECONDS = 1f / FRAMES_PER_SECOND;

    public DatasetSettings {
        styles = List.copyOf(styles);
        if (styles.isEmpty()) {
            throw new IllegalArgumentException("at least one style is needed");
        }
        if (frames < 1) {
            throw new IllegalArgumentException("--frames must be > 0, got " + frames);
        }
        if (trajectoryLength < 1) {
            throw new IllegalArgumentException("--trajectory-length must be > 0, got " + trajectoryLength);
        }
        if (viewRadius < 1) {
            throw new IllegalArgumentException("view radius must be > 0, got " + viewRadius);
        }
    }

    /** The settings as the JSON written to {@value #FILE_NAME}. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray names = new JsonArray();
        styles.forEach(s -> names.add(s.name()));
        o.add("styles", names);
        o.addProperty("frames", frames);
        o.addProperty("seed", seed);
        o.addProperty("trajectoryLength", trajectoryLength);
        o.addProperty("viewRadius", viewRadius);
        o.addProperty("width", WIDTH);
        o.addProperty("height", HEIGHT);
        o.addProperty("framesPerSecond", FRAMES_PER_SECOND);
        return o;
    }
}
