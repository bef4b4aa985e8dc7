package io.neuroframe.demo.headless;

import com.google.gson.JsonObject;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.render.DecodedFrame;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageSample;
import java.util.Locale;

/**
 * A screenshot of the neural view and what it showed of the adapter.
 *
 * @param file the PNG's name in the output folder
 * @param walkFrame the walk frame it was taken at, or -1 after the walk
 * @param adapterSwitchedOn whether the adapter was switched on then
 * @param neuralFrame the pipeline's id of the newest decoded frame then (-1 before the first)
 * @param neuralFrameAdapted whether that frame's latent had been through the adapter
 */
public record AdapterShot(String file, int walkFrame, boolean adapterSwitchedOn, long neuralFrame,
        boolean neuralFrameAdapted) {

    /** What {@code neural} shows now, to be saved as {@code file}; render thread (allocates: not for every frame). */
    static AdapterShot of(String file, int walkFrame, NeuralViewState neural) {
        FramePipeline pipeline = neural.neuroFrame().pipeline();
        DecodedFrame latest = pipeline == null ? null : pipeline.latestFrame();
        long id = latest == null ? -1 : latest.frameId();
        return new AdapterShot(file, walkFrame, neural.adapterOn(), id, id > 0 && adapted(pipeline, id));
    }

    /** Whether {@code pipeline} ran its adapter on frame {@code frameId}: its clock holds an adapter interval. */
    static boolean adapted(FramePipeline pipeline, long frameId) {
        for (StageSample sample : pipeline.clock().snapshot()) {
            if (sample.stage() == Stage.ADAPTER && sample.frameId() == frameId) {
                return true;
            }
        }
        return false;
    }

    /** The fields as a JSON object. */
    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("file", file);
        json.addProperty("walkFrame", walkFrame);
        json.addProperty("adapterSwitchedOn", adapterSwitchedOn);
        json.addProperty("neuralFrame", neuralFrame);
        json.addProperty("neuralFrameAdapted", neuralFrameAdapted);
        return json;
    }

    /** One line, e.g. {@code frame-0150.png: adapter on, neural frame 97 adapted}. */
    String describe() {
        return String.format(Locale.ROOT, "%s: adapter %s, neural frame %d %s", file, adapterSwitchedOn ? "on" : "off",
                neuralFrame, neuralFrameAdapted ? "adapted" : "not adapted");
    }
}
