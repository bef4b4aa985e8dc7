package io.neuroframe.perf.bench;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.adapter.response.LocalKernelResponse;
import io.neuroframe.adapter.train.AdapterModel;
import io.neuroframe.adapter.train.AdapterOnnx;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.onnx.OrtOptions;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One adapter application on the frame path (latent in, adapted latent out) per experiment
 * condition: the bio-derived local-kernel reservoir (sigma 2 pitches, amplitude 1, default
 * stimulation encoding) and its parameter-matched controls built from it. Untrained weights: the
 * cost does not depend on their values (the gate multiplies, it does not skip work). The recorded
 * library runs through the same reservoir code with its own kernels, and the fully trainable
 * reservoir at inference is the frozen random one, so neither is listed separately.
 *
 * <p>Two backends: {@code java} is the plain-Java adapter ({@link AdapterCondition#untrained}), {@code onnx}
 * the same condition exported with {@link AdapterOnnx} and run by ONNX Runtime with the decoder's default
 * options, as a trained adapter is deployed.
 *
 * <p>How to run: {@code ./neuroframe bench}, or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main AdapterBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdapterBenchmark {
    /** An {@link AdapterCondition#id()}. */
    @Param({"identity", "local-kernel", "frozen-random", "smooth-random", "shuffled-biology", "low-rank"})
    public String condition;

    /** {@code java} or {@code onnx}. */
    @Param({"java", "onnx"})
    public String backend;

    private LatentAdapter adapter;
    private FloatBuffer input;
    private FloatBuffer output;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        StimulationEncoding encoding = StimulationEncoding.defaults();
        KernelBank biology = KernelBank.of(LocalKernelResponse.of(encoding.geometry(), 2.0, 1f),
                encoding.siteElectrodes(), 0f);
        AdapterCondition chosen = AdapterCondition.fromId(condition);
        adapter = switch (backend) {
            case "java" -> chosen.untrained(biology, encoding, 5);
            case "onnx" -> exported(chosen, biology, encoding);
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
        input = FrameBuffers.latent(2);
        output = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
    }

    private static LatentAdapter exported(AdapterCondition condition, KernelBank biology, StimulationEncoding encoding)
            throws IOException {
        Path file = Files.createTempFile("adapter-" + condition.id(), ".onnx");
        try {
            try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
                 AdapterModel model = AdapterModel.create(condition, biology, encoding, 5, manager, condition.id())) {
                AdapterOnnx.write(model, file);
            }
            return AdapterOnnx.load(file, OrtOptions.defaults());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Benchmark
    public FloatBuffer apply() {
        adapter.apply(input, output);
        return output;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        adapter.close();
    }
}
