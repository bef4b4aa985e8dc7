package io.neuroframe.codec.train;

import ai.djl.engine.Engine;
import io.neuroframe.codec.djl.PyTorchRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every evaluation command has: where its figures go as JSON, and PyTorch's threads. */
public final class EvalOptions {

    @Option(names = "--out", description = "write the figures as JSON to this file (default: printed only)")
    Path json;

    @Option(names = "--threads", description = "PyTorch intra-op threads where the evaluation runs on PyTorch,"
            + " and ONNX Runtime's where it runs there (default: available processors)")
    Integer threads;

    /** The JSON report file ({@code --out}), or null to print only. */
    public Path json() {
        return json;
    }

    /** DJL's PyTorch engine with {@code --threads} intra-op threads, one per available processor by default. */
    public Engine engine() {
        return PyTorchRuntime.engine(threads());
    }

    /** {@code --threads}, one per available processor by default; ONNX Runtime sessions of the evaluation use as many. */
    public int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
