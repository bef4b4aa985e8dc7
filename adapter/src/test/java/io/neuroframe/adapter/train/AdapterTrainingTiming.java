package io.neuroframe.adapter.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.experiment.Protocol;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.adapter.response.LocalKernelResponse;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures what one unit of the full adapter protocol costs with a codec preset (random weights of the right
 * shapes: the cost does not depend on the values) and prints the protocol's estimated run time.
 *
 * <p>Run: {@code java -cp <test class path> io.neuroframe.adapter.train.AdapterTrainingTiming [preset] [steps]}
 * (default nf-small, 5 timed steps per condition after one warm-up step).
 */
public final class AdapterTrainingTiming {

    private AdapterTrainingTiming() {
    }

    public static void main(String[] args) throws Exception {
        VitVaeConfig config = VitVaeConfig.preset(args.length > 0 ? args[0] : "nf-small");
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Protocol full = Protocol.full();
        Engine engine = PyTorchRuntime.engine(1);
        Path dir = Files.createTempDirectory("adapter-timing");
        DatasetManifest manifest = DatasetManifest.read(TinySetup.dataset(dir.resolve("data"), 8, 4));
        StimulationEncoding encoding = StimulationEncoding.builder(full.culture().geometry()).build();
        KernelBank biology = KernelBank.of(LocalKernelResponse.of(encoding.geometry(), full.sigma(), full.amplitude()),
                encoding.siteElectrodes(), 0f);
        try (FrozenCodec codec = new FrozenCodec(VitVaeWeights.random(config, 1), engine, 1)) {
            long start = System.nanoTime();
            LatentCache data = LatentCache.open(manifest, codec, 8, 4, dir.resolve("cache"),
                    new PrintWriter(new StringWriter()));
            double encodeSeconds = (System.nanoTime() - start) / 1e9 / 12;
            System.out.printf(Locale.ROOT, "%s: %,d parameters; encode %.3f s per frame%n", config.name(),
                    codec.parameterCount(), encodeSeconds);
            for (AdapterCondition condition : new AdapterCondition[] {AdapterCondition.LOCAL_KERNEL,
                    AdapterCondition.FROZEN_RANDOM, AdapterCondition.FULLY_TRAINABLE, AdapterCondition.LOW_RANK}) {
                try (NDManager manager = engine.newBaseManager();
                     AdapterModel model = AdapterModel.create(condition, biology, encoding, 1, manager, condition.id());
                     AdapterTrainer trainer = new AdapterTrainer(codec, model, data, full.training(), engine)) {
                    trainer.step();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < timed; i++) {
                        trainer.step();
                    }
                    double perStep = (System.nanoTime() - t0) / 1e9 / timed;
                    long t1 = System.nanoTime();
                    trainer.validate(data.validation(), false);
                    double perFrame = (System.nanoTime() - t1) / 1e9 / data.validation().size();
                    System.out.printf(Locale.ROOT, "%-16s %.3f s/step (batch %d, %dx%d-token crops), validation %.3f s"
                            + " per whole frame%n", condition.id(), perStep, full.training().batch(),
                            full.training().cropRows(), full.training().cropCols(), perFrame);
                }
            }
        }
    }
}
