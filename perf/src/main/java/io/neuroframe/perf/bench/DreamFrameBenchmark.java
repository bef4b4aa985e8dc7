package io.neuroframe.perf.bench;

import io.neuroframe.api.NativeBuffers;
import ai.djl.ndarray.NDManager;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.api.frame.RgbaPacker;
import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.world.train.WorldDit;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.dream.ActionGuidedStepper;
import io.neuroframe.world.dream.RememberingStepper;
import io.neuroframe.world.dream.WorldStepper;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One dream frame end to end on one thread: a world step of the direct model on ONNX Runtime (one
 * thread), guided as dream mode guides it ({@link ActionGuidedStepper}: two predictions a step above 1) and, with a
 * view shift, turned by the view memory as dream mode turns it ({@link RememberingStepper}; the step walks, so the
 * model runs every step), the
 * {@code nf-small} decode on ONNX Runtime, and the RGBA8 pack, as dream mode runs them (there on three threads, so
 * its frame rate is bounded by the slowest of them, not their sum).
 *
 * <p>How to run: {@code ./neuroframe bench --include DreamFrame}, or
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main DreamFrameBenchmark -prof gc}
 */
public class DreamFrameBenchmark extends FrameStageBenchmark {
    /** The world-model preset. */
    @Param({"nf-world-small-direct"})
    public String world;

    /** The world model's view shift (0: none; 5.5: the committed model's). */
    @Param({"0", "5.5"})
    public float viewShift;

    /** The action guidance of the world step (1: the model alone, one prediction a step). */
    @Param({"1", "1.5"})
    public float actionGuidance;

    /** The codec preset. */
    @Param({"nf-small"})
    public String codec;

    private NDManager manager;
    private WorldDit model;
    private WorldStepper stepper;
    private Decoder decoder;
    private final OasisAction action = OasisAction.builder().forward().look(0, 4).build();
    private FloatBuffer latent;
    private FloatBuffer image;
    private ByteBuffer rgba;

    @Setup(Level.Trial)
    public void setUp() {
        manager = PyTorchRuntime.engine(WorldStepBenchmark.THREADS).newBaseManager();
        model = WorldDit.create(WorldModelConfig.preset(world).withViewShift(viewShift), manager, 1);
        stepper = RememberingStepper.turn(ActionGuidedStepper.guide(WorldStepBenchmark.open("onnx", model),
                actionGuidance), true);
        decoder = CodecBackend.ONNX.decoder(VitVaeWeights.random(VitVaeConfig.preset(codec), 1));
        latent = FrameBuffers.latent(3);
        stepper.reset(latent);
        image = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
        rgba = FrameBuffers.rgba();
    }

    @Benchmark
    public ByteBuffer frame() {
        stepper.step(action, latent);
        decoder.decode(latent, image);
        RgbaPacker.pack(image, rgba, RowOrder.BOTTOM_UP);
        return rgba;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.close();
        stepper.close();
        model.close();
        manager.close();
    }
}
