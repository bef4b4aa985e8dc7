package io.neuroframe.perf.bench;

import ai.djl.ndarray.NDManager;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.world.onnx.OrtWorldStepper;
import io.neuroframe.world.train.WorldDit;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.train.WorldModelStepper;
import io.neuroframe.world.dream.WorldStepper;
import java.nio.FloatBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One step of the direct world model with a full context (the frame path of dream mode), on ONNX
 * Runtime or DJL PyTorch, one intra-op thread each (dream mode leaves the other core to the
 * decoder). Freshly initialized weights of the preset's shapes: the cost does not depend on them.
 *
 * <p>How to run: {@code ./neuroframe bench --include WorldStep}, or
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main WorldStepBenchmark -prof gc}
 */
public class WorldStepBenchmark extends FrameStageBenchmark {
    /** Intra-op threads of either backend. */
    static final int THREADS = 1;

    /** {@code onnx} or {@code djl}. */
    @Param({"onnx", "djl"})
    public String backend;

    /** A direct world-model preset. */
    @Param({"nf-world-small-direct"})
    public String preset;

    /** The view shift (0: none; 5.5: the committed model's, two small interpolation products more a step). */
    @Param({"0", "5.5"})
    public float viewShift;

    private NDManager manager;
    private WorldDit model;
    private WorldStepper stepper;
    private final OasisAction action = OasisAction.builder().forward().look(0, 4).build();
    private FloatBuffer next;

    @Setup(Level.Trial)
    public void setUp() {
        manager = PyTorchRuntime.engine(THREADS).newBaseManager();
        model = WorldDit.create(WorldModelConfig.preset(preset).withViewShift(viewShift), manager, 1);
        stepper = open(backend, model);
        next = FrameBuffers.latent(3);
        stepper.reset(next);
        for (int i = 1; i < model.config().contextFrames(); i++) {
            stepper.push(next, action);
        }
    }

    /** A stepper for {@code model} on {@code backend}. */
    static WorldStepper open(String backend, WorldDit model) {
        return switch (backend) {
            case "onnx" -> OrtWorldStepper.create(model.config(), model.toTensors(), OrtOptions.defaults().withIntraOpThreads(THREADS));
            case "djl" -> new WorldModelStepper(model, 1, 0);
            default -> throw new IllegalArgumentException("backend must be onnx or djl, got " + backend);
        };
    }

    @Benchmark
    public FloatBuffer step() {
        stepper.step(action, next);
        return next;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stepper.close();
        model.close();
        manager.close();
    }
}
