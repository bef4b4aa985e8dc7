package io.neuroframe.demo.neural;

import ai.djl.ndarray.NDManager;
import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.ReadoutWeights;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.train.AdapterModel;
import io.neuroframe.adapter.train.AdapterOnnx;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.weights.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Adapters exported as a trained one is, for the demo's tests. */
public final class TestAdapters {
    private TestAdapters() {
    }

    /**
     * Exports the seeded, untrained channel-affine adapter {@code z + gate * (a z + b)} with its gate opened to 1, so
     * that it changes every latent (an untrained adapter starts as the identity), to {@code file}.
     */
    public static Path exportChannelAffine(Path file, long seed) throws IOException {
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             AdapterModel model = AdapterModel.create(AdapterCondition.CHANNEL_AFFINE, null,
                     StimulationEncoding.defaults(), seed, manager, "channel-affine seed " + seed)) {
            Map<String, Tensor> tensors = model.trainedTensors();
            tensors.put(ReadoutWeights.GATE_NAME,
                    new Tensor(ReadoutWeights.GATE_NAME, new int[] {1}, new float[] {1f}));
            model.restore(tensors);
            AdapterOnnx.write(model, file);
        }
        return file;
    }
}
