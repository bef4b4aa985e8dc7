package io.neuroframe.demo.dataset;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.neuroframe.capture.CaptureSettings;
import io.neuroframe.demo.style.Style;
import java.util.List;

/**
 * What a dataset is made of. Stored in the dataset folder as {@value CaptureSettings#FILE_NAME}; a resumed run must
 * use the same settings.
 *
 * @param styles the styles, in order; frames are shared out evenly between them
 * @param frames total frames (at least 1)
 * @param seed seed of worlds and scripted players
 * @param trajectoryLength frames per trajectory (the last of a style may be shorter)
 * @param viewRadius terrain radius around the player in chunks
 */
public record DatasetSettings(List<Style> styles, int frames, long seed, int trajectoryLength, int viewRadius)
        implements CaptureSettings {

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

    /** The total frames, {@link #frames}. */
    @Override
    public int totalFrames() {
        return frames;
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray names = new JsonArray();
        styles.forEach(s -> names.add(s.name()));
        o.add("styles", names);
        o.addProperty("frames", frames);
        o.addProperty("seed", seed);
        o.addProperty("trajectoryLength", trajectoryLength);
        o.addProperty("viewRadius", viewRadius);
        CaptureSettings.addFrameFormat(o);
        return o;
    }
}
