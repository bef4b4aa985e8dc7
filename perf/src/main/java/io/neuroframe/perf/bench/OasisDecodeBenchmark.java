package io.neuroframe.perf.bench;

import io.neuroframe.api.Decoder;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ONNX Runtime decode of one frame with Oasis's full {@code oasis-vit-l-20} decoder (152M
 * parameters, random weights of the exact shapes; about 192 GFLOPs per decode). Seconds per call on
 * a CPU, so a handful of single shots; left out of {@code ./neuroframe bench --quick}. Needs about
 * 4 GB of heap to build the session.
 *
 * <p>How to run: {@code ./neuroframe bench} (full run), or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main OasisDecodeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class OasisDecodeBenchmark extends DecoderBenchmark {
    @Override
    protected Decoder makeDecoder() {
        return CodecBackend.ONNX.decoder(VitVaeWeights.random(VitVaeConfig.OASIS_VIT_L_20, 1).decoderOnly());
    }
}
