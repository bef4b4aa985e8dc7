package io.neuroframe.perf.bench;

import io.neuroframe.api.Decoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The plain-Java reference of a convolutional decoder (decode only: it has no encoder), one frame
 * per call, timed single shot like {@link ReferenceCodecBenchmark}.
 *
 * <p>How to run: {@code ./neuroframe bench}, or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main ReferenceConvDecodeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(1)
public class ReferenceConvDecodeBenchmark extends DecoderBenchmark {
    /** A convolutional decoder preset. */
    @Param({"nf-tiny"})
    public String preset;

    @Override
    protected Decoder makeDecoder() {
        return CodecBackend.REFERENCE.decoderOfPreset(preset);
    }
}
