package io.neuroframe.codec.train;

import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.weights.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trainer's checkpoint file (F32 safetensors): the model weights, Adam's moments, and metadata
 * holding the format tag, the completed step count, the training wall time and the trainer's own
 * settings.
 *
 * @param metadata every metadata entry of the file
 * @param weights the model's tensors by name
 * @param state Adam's moment tensors by name
 */
record TrainingCheckpoint(Map<String, String> metadata, Map<String, Tensor> weights, Map<String, Tensor> state) {

    /**
     * Reads the checkpoint at {@code path}.
     *
     * @param format the metadata format tag the file must carry
     * @param kind what such a checkpoint is, for the error ("a decoder distillation checkpoint")
     * @throws IOException if the file cannot be read or carries another format tag
     */
    static TrainingCheckpoint read(Path path, String format, String kind) throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            Map<String, String> metadata = file.metadata();
            if (!format.equals(metadata.get("format"))) {
                throw new IOException(path + ": not " + kind + " (metadata format is " + metadata.get("format")
                        + ", expected " + format + ")");
            }
            Map<String, Tensor> weights = new LinkedHashMap<>();
            Map<String, Tensor> state = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> entry : file.readAll().entrySet()) {
                (AdamOptimizer.isStateTensor(entry.getKey()) ? state : weights).put(entry.getKey(), entry.getValue());
            }
            return new TrainingCheckpoint(metadata, weights, state);
        }
    }

    /**
     * Puts Adam's moments and step count back into {@code optimizer}.
     *
     * @return the training wall time recorded so far, in seconds
     */
    double restore(AdamOptimizer optimizer) {
        optimizer.restore(state, Long.parseLong(metadata.get("step")));
        return Double.parseDouble(metadata.getOrDefault("training_seconds", "0"));
    }

    /**
     * Writes {@code weights}, the optimizer's moments and step, {@code trainingSeconds} and then
     * each of {@code settings} in order to {@code path}, atomically.
     */
    @SafeVarargs
    static void write(Path path, String format, Collection<Tensor> weights, AdamOptimizer optimizer,
                      double trainingSeconds, Map<String, String>... settings) throws IOException {
        List<Tensor> tensors = new ArrayList<>(weights);
        tensors.addAll(optimizer.state().values());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", format);
        metadata.put("step", Long.toString(optimizer.steps()));
        metadata.put("training_seconds", Double.toString(trainingSeconds));
        for (Map<String, String> part : settings) {
            metadata.putAll(part);
        }
        SafetensorsWriter.write(path, tensors, metadata, SafetensorsDtype.F32);
    }
}
