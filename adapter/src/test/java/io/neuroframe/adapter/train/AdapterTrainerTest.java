package io.neuroframe.adapter.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.adapter.culture.CultureNetwork;
import io.neuroframe.adapter.culture.CultureParameters;
import io.neuroframe.adapter.culture.PatternResponse;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OnnxGraphBuilder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.train.AdamOptimizer;
import io.neuroframe.codec.weights.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterTrainerTest {

    @TempDir
    static Path dir;

    private static Engine engine;
    private static VitVaeWeights weights;
    private static FrozenCodec codec;
    private static LatentCache data;
    private static StimulationEncoding encoding;
    private static KernelBank biology;

    @BeforeAll
    static void setUp() throws IOException {
        engine = PyTorchRuntime.engine(1);
        weights = VitVaeWeights.random(TinySetup.CODEC, 3);
        codec = new FrozenCodec(weights, engine, 1);
        DatasetManifest manifest = DatasetManifest.read(TinySetup.dataset(dir.resolve("data"), 4, 2));
        data = LatentCache.open(manifest, codec, 4, 2, dir.resolve("cache"), new PrintWriter(new StringWriter()));
        encoding = TinySetup.encoding();
        biology = TinySetup.biology(encoding);
    }

    @AfterAll
    static void tearDown() {
        codec.close();
    }

    private static AdapterTrainingOptions options(int steps) {
        return new AdapterTrainingOptions(steps, 2, 3, 4, 1e-2f, LearningRateSchedule.CONSTANT, 5, 0);
    }

    private static AdapterModel model(AdapterCondition condition, NDManager manager) {
        return AdapterModel.create(condition, biology, encoding, 11, manager, condition.id());
    }

    @Test
    void untrainedAdaptersReproduceTheFrozenCodecExactly() {
        double frozen;
        try (NDManager manager = engine.newBaseManager();
             AdapterModel identity = model(AdapterCondition.IDENTITY, manager);
             AdapterTrainer trainer = new AdapterTrainer(codec, identity, data, options(0), engine)) {
            frozen = trainer.validate(data.validation(), false).mse();
        }
        for (AdapterCondition condition : frameworkConditions()) {
            for (AdapterInitialisation initialisation : AdapterInitialisation.values()) {
            try (NDManager manager = engine.newBaseManager();
                 AdapterModel model = AdapterModel.create(condition, biology, encoding, 11, manager, condition.id(),
                         initialisation);
                 AdapterTrainer trainer = new AdapterTrainer(codec, model, data, options(0), engine)) {
                float[] latent = data.train().latents()[0];
                NDArray z = manager.create(latent, new Shape(1, LatentContract.TOKENS, LatentContract.CHANNELS));
                NDArray u = model.usesStimulation() ? manager.create(model.stimulation(latent),
                        new Shape(1, (long) model.levels() * LatentContract.TOKENS, LatentContract.CHANNELS)) : null;
                assertArrayEquals(latent, model.apply(z, u).toFloatArray(), 0f, condition.id() + " " + initialisation);
                assertEquals(frozen, trainer.validate(data.validation(), false).mse(), 0.0,
                        condition.id() + " " + initialisation);
            }
            }
        }
    }

    /** The conditions {@link AdapterModel#create} builds (all but the network culture). */
    private static List<AdapterCondition> frameworkConditions() {
        return Arrays.stream(AdapterCondition.values()).filter(AdapterCondition::hasFramePath).toList();
    }

    @Test
    void aNetworkCultureStartsAsTheIdentityAndItsReadoutTrainsOnTheWholePatternResponse() {
        CultureParameters parameters = CultureParameters.defaults().withGeometry(TinySetup.ARRAY).withNeurons(576);
        NetworkResponses responses = new NetworkResponses(new PatternResponse(CultureNetwork.grow(parameters, 3),
                encoding.siteElectrodes(), 3), encoding, "culture-03");
        float[] latent = data.train().latents()[0];
        float[] activity = responses.activity(latent);
        assertEquals(TinySetup.ARRAY.electrodes() * LatentContract.CHANNELS, activity.length);
        assertTrue(activity == responses.activity(latent), "a latent's response is simulated once");
        double evoked = 0;
        for (float a : activity) {
            evoked += Math.abs(a);
        }
        assertTrue(evoked > 0, "the patterns evoke activity");
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = AdapterModel.networkCulture(responses, 11, manager, "network-culture",
                     AdapterInitialisation.ZERO_READOUT);
             AdapterTrainer trainer = new AdapterTrainer(codec, model, data, options(2), engine)) {
            assertEquals(AdapterCondition.NETWORK_CULTURE.trainableParameters(1, TinySetup.ARRAY.electrodes()),
                    model.trainableParameters());
            model.normaliseActivity(new float[][] {latent});
            double norms = 0;
            for (int c : encoding.channels()) {
                for (int e = 0; e < TinySetup.ARRAY.electrodes(); e++) {
                    norms += Math.abs(activity[e * LatentContract.CHANNELS + c]);
                }
            }
            assertEquals(norms / encoding.channels().length, model.activityScale(), 1e-3 * model.activityScale(),
                    "the scale is the mean L1 norm of a selected channel's activity");
            NDArray z = manager.create(latent, new Shape(1, LatentContract.TOKENS, LatentContract.CHANNELS));
            NDArray u = manager.create(model.stimulation(latent),
                    new Shape(1, model.stimulationRows(), LatentContract.CHANNELS));
            assertArrayEquals(latent, model.apply(z, u).toFloatArray(), 0f);
            trainer.step();
            assertFalse(Arrays.equals(latent, model.apply(z, u).toFloatArray()), "one step leaves the identity");
            assertThrows(UnsupportedOperationException.class, model::toLatentAdapter);
            assertThrows(IllegalArgumentException.class,
                    () -> AdapterSafetensors.write(model, dir.resolve("network.safetensors")));
        }
    }

    @Test
    void aZeroReadoutWithAUnitGateLeavesTheIdentityAtTheFirstStep() {
        for (AdapterCondition condition : new AdapterCondition[] {AdapterCondition.LOCAL_KERNEL,
                AdapterCondition.TOKEN_MAP, AdapterCondition.CHANNEL_AFFINE, AdapterCondition.LOW_RANK}) {
            try (NDManager manager = engine.newBaseManager();
                 AdapterModel model = AdapterModel.create(condition, biology, encoding, 11, manager, condition.id(),
                         AdapterInitialisation.ZERO_READOUT);
                 AdapterTrainer trainer = new AdapterTrainer(codec, model, data, options(1), engine)) {
                Map<String, Tensor> before = model.trainedTensors();
                assertEquals(1f, before.get("gate").data()[0], condition.id());
                trainer.step();
                Map<String, Tensor> after = model.trainedTensors();
                long moved = before.keySet().stream()
                        .filter(name -> !Arrays.equals(before.get(name).data(), after.get(name).data())).count();
                assertTrue(moved > 0, condition.id() + ": one step moved no parameter");
                float[] latent = data.train().latents()[0];
                NDArray z = manager.create(latent, new Shape(1, LatentContract.TOKENS, LatentContract.CHANNELS));
                NDArray u = model.usesStimulation() ? manager.create(model.stimulation(latent),
                        new Shape(1, (long) model.levels() * LatentContract.TOKENS, LatentContract.CHANNELS)) : null;
                assertFalse(Arrays.equals(latent, model.apply(z, u).toFloatArray()),
                        condition.id() + ": the adapter is still the identity after one step");
            }
        }
    }

    @Test
    void trainingMovesTheAdapterAndLeavesEveryCodecTensorUnchanged() throws IOException {
        Map<String, Tensor> before = weights.tensors();
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = model(AdapterCondition.LOCAL_KERNEL, manager);
             AdapterTrainer trainer = new AdapterTrainer(codec, model, data,
                     new AdapterTrainingOptions(30, 2, 3, 4, 1e-2f, LearningRateSchedule.CONSTANT, 5, 10), engine)) {
            double trainBefore = trainer.validate(data.train(), false).mse();
            trainer.train(null, 0, (step, steps, loss, seconds) -> { });
            assertEquals(30, trainer.completedSteps());
            assertEquals(4, trainer.curve().size(), "curve at steps 0, 10, 20, 30");
            assertNotEquals(0f, model.trainedTensors().get("gate").data()[0]);
            assertTrue(trainer.validate(data.train(), false).mse() < trainBefore, "training lowers the train loss");
        }
        for (Map.Entry<String, Tensor> entry : codec.model().toWeights().tensors().entrySet()) {
            assertArrayEquals(before.get(entry.getKey()).data(), entry.getValue().data(), 0f, entry.getKey());
        }
        codec.model().parameters().forEach((name, p) -> assertFalse(p.hasGradient(), name + " tracks gradients"));
    }

    @Test
    void nonFiniteStepsAreSkippedAndTooManyInARowStopTraining() throws IOException {
        float[][] latents = data.train().latents();
        float[][] saved = new float[latents.length][];
        for (int i = 0; i < latents.length; i++) {
            saved[i] = latents[i].clone();
        }
        try {
            Arrays.fill(latents[1], Float.NaN);
            try (NDManager manager = engine.newBaseManager();
                 AdapterModel model = model(AdapterCondition.LOCAL_KERNEL, manager);
                 AdapterTrainer trainer = new AdapterTrainer(codec, model, data, options(30), engine)) {
                trainer.train(null, 0, (step, steps, loss, seconds) -> { });
                assertEquals(30, trainer.completedSteps());
                assertTrue(trainer.skippedSteps() > 0 && trainer.skippedSteps() < 30,
                        "batches with the NaN frame skipped, the others trained: " + trainer.skippedSteps());
                float gate = model.trainedTensors().get("gate").data()[0];
                assertTrue(Float.isFinite(gate) && gate != 0f, "the gate trained and stayed finite: " + gate);
                model.trainedTensors().forEach((name, tensor) -> {
                    for (float v : tensor.data()) {
                        assertTrue(Float.isFinite(v), name + " holds a non-finite value");
                    }
                });
            }
            for (float[] latent : latents) {
                Arrays.fill(latent, Float.NaN);
            }
            try (NDManager manager = engine.newBaseManager();
                 AdapterModel model = model(AdapterCondition.LOCAL_KERNEL, manager);
                 AdapterTrainer trainer = new AdapterTrainer(codec, model, data, options(30), engine)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.train(null, 0,
                        (step, steps, loss, seconds) -> { }));
                assertTrue(e.getMessage().contains("training diverged at step " + (AdamOptimizer.MAX_CONSECUTIVE_SKIPS + 1)),
                        e.getMessage());
                assertEquals(0f, model.trainedTensors().get("gate").data()[0], "nothing was applied");
            }
        } finally {
            for (int i = 0; i < latents.length; i++) {
                System.arraycopy(saved[i], 0, latents[i], 0, saved[i].length);
            }
        }
    }

    @Test
    void parameterCountsMatchTheConditionsAndTheFullyTrainableReservoirTrains() {
        int electrodes = TinySetup.ARRAY.electrodes();
        for (AdapterCondition condition : frameworkConditions()) {
            try (NDManager manager = engine.newBaseManager(); AdapterModel model = model(condition, manager)) {
                assertEquals(condition.trainableParameters(biology.levels(), electrodes), model.trainableParameters(),
                        condition.id());
            }
        }
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = model(AdapterCondition.FULLY_TRAINABLE, manager);
             AdapterTrainer trainer = new AdapterTrainer(codec, model, data, options(3), engine)) {
            float[] reservoir = model.trainedTensors().get(AdapterModel.RESERVOIR_NAME).data();
            for (int i = 0; i < 3; i++) {
                trainer.step();
            }
            assertFalse(Arrays.equals(reservoir,
                    model.trainedTensors().get(AdapterModel.RESERVOIR_NAME).data()), "the reservoir was trained");
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws IOException {
        Map<String, Tensor> straight;
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = model(AdapterCondition.LOW_RANK, manager);
             AdapterTrainer trainer = new AdapterTrainer(codec, model, data, options(4), engine)) {
            trainer.train(null, 0, (step, steps, loss, seconds) -> { });
            straight = model.trainedTensors();
        }
        Path checkpoint = dir.resolve("resume/low-rank.safetensors");
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = model(AdapterCondition.LOW_RANK, manager);
             AdapterTrainer trainer = new AdapterTrainer(codec, model, data, options(4), engine)) {
            trainer.step();
            trainer.step();
            trainer.saveCheckpoint(checkpoint);
        }
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = model(AdapterCondition.LOW_RANK, manager);
             AdapterTrainer trainer = new AdapterTrainer(codec, model, data, options(4), engine)) {
            assertTrue(trainer.isCheckpointOf(checkpoint));
            trainer.restore(checkpoint);
            assertEquals(2, trainer.completedSteps());
            trainer.train(null, 0, (step, steps, loss, seconds) -> { });
            for (Map.Entry<String, Tensor> entry : model.trainedTensors().entrySet()) {
                assertArrayEquals(straight.get(entry.getKey()).data(), entry.getValue().data(), 0f, entry.getKey());
            }
        }
        try (NDManager manager = engine.newBaseManager();
             AdapterModel other = model(AdapterCondition.LOCAL_KERNEL, manager);
             AdapterTrainer trainer = new AdapterTrainer(codec, other, data, options(4), engine)) {
            assertFalse(trainer.isCheckpointOf(checkpoint), "another adapter's checkpoint");
            IOException e = assertThrows(IOException.class, () -> trainer.restore(checkpoint));
            assertTrue(e.getMessage().contains("low-rank"), e.getMessage());
        }
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = model(AdapterCondition.LOW_RANK, manager);
             AdapterTrainer trainer = new AdapterTrainer(codec, model, data,
                     options(4).withLearningRate(options(4).learningRate() / 10), engine)) {
            assertFalse(trainer.isCheckpointOf(checkpoint), "a checkpoint of another learning rate is not this run's");
        }
    }

    @Test
    void exportedAdaptersMatchTheTrainedModelInJavaAndOnnxRuntime() throws IOException {
        StimulationEncoding perChannel = StimulationEncoding.builder(TinySetup.ARRAY)
                .channelSaturation(LatentStatistics.channelPercentiles(data.train().latents(), 99)).build();
        for (AdapterCondition condition : new AdapterCondition[] {AdapterCondition.LOCAL_KERNEL,
                AdapterCondition.FULLY_TRAINABLE, AdapterCondition.LOW_RANK, AdapterCondition.IDENTITY,
                AdapterCondition.TOKEN_MAP, AdapterCondition.CHANNEL_AFFINE}) {
            try (NDManager manager = engine.newBaseManager();
                 AdapterModel model = AdapterModel.create(condition, biology,
                         condition == AdapterCondition.LOCAL_KERNEL ? perChannel : encoding, 11, manager,
                         condition.id());
                 AdapterTrainer trainer = new AdapterTrainer(codec, model, data, options(3), engine)) {
                if (model.usesStimulation()) {
                    model.normaliseActivity(data.train().latents());
                    assertTrue(model.activityScale() > 1f, "activity sums counts: " + model.activityScale());
                }
                if (trainer.targetSteps() > 0) {
                    trainer.train(null, 0, (step, steps, loss, seconds) -> { });
                }
                float[] latent = data.validation().latents()[1];
                NDArray z = manager.create(latent, new Shape(1, LatentContract.TOKENS, LatentContract.CHANNELS));
                NDArray u = model.usesStimulation() ? manager.create(model.stimulation(latent),
                        new Shape(1, (long) model.levels() * LatentContract.TOKENS, LatentContract.CHANNELS)) : null;
                float[] expected = model.apply(z, u).toFloatArray();
                Path safetensors = dir.resolve("export/" + condition.id() + ".safetensors");
                Path onnx = dir.resolve("export/" + condition.id() + ".onnx");
                Files.createDirectories(safetensors.getParent());
                AdapterSafetensors.write(model, safetensors);
                AdapterOnnx.write(model, onnx);
                try (LatentAdapter java = AdapterSafetensors.read(safetensors);
                     LatentAdapter ort = AdapterOnnx.load(onnx, OrtOptions.defaults())) {
                    assertArrayEquals(expected, run(java, latent), 2e-5f, condition.id() + " (Java)");
                    assertArrayEquals(expected, run(ort, latent), 2e-5f, condition.id() + " (ONNX Runtime)");
                }
            }
        }
    }

    private static float[] run(LatentAdapter adapter, float[] latent) {
        FloatBuffer out = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
        adapter.apply(FloatBuffer.wrap(latent), out);
        return out.array();
    }

    @Test
    void rejectsFilesThatAreNotExportedAdapters() throws IOException {
        Path weightsFile = dir.resolve("codec.safetensors");
        weights.save(weightsFile, io.neuroframe.codec.safetensors.SafetensorsDtype.F32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdapterSafetensors.read(weightsFile));
        assertTrue(e.getMessage().contains("not an exported adapter"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AdapterOnnx.load(dir.resolve("missing.onnx"), OrtOptions.defaults()));
        OnnxGraphBuilder graph = new OnnxGraphBuilder("other");
        graph.output(graph.op("Identity", "y", graph.input("x", 1, 4)), "y", 1, 4);
        Path other = dir.resolve("other.onnx");
        Files.write(other, graph.build("test", "not an adapter").toByteArray());
        e = assertThrows(IllegalArgumentException.class, () -> AdapterOnnx.load(other, OrtOptions.defaults()));
        assertTrue(e.getMessage().contains("not an exported adapter"), e.getMessage());
    }

    @Test
    void latentCacheIsReusedForTheSameCodecAndDatasetAndRebuiltForAnother() throws IOException {
        DatasetManifest manifest = DatasetManifest.read(dir.resolve("data"));
        StringWriter log = new StringWriter();
        LatentCache again = LatentCache.open(manifest, codec, 4, 2, dir.resolve("cache"), new PrintWriter(log));
        assertEquals(data.file(), again.file());
        assertFalse(log.toString().contains("encoding latents"), log.toString());
        assertArrayEquals(data.validation().latents()[1], again.validation().latents()[1], 0f);
        try (FrozenCodec other = new FrozenCodec(VitVaeWeights.random(TinySetup.CODEC, 4), engine, 1)) {
            LatentCache rebuilt = LatentCache.open(manifest, other, 4, 2, dir.resolve("cache"),
                    new PrintWriter(new StringWriter()));
            assertNotEquals(data.file(), rebuilt.file());
            assertFalse(Arrays.equals(data.validation().latents()[1], rebuilt.validation().latents()[1]));
        }
    }
}
