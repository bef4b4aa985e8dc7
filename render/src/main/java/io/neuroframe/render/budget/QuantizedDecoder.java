package io.neuroframe.render.budget;

import io.neuroframe.api.Decoder;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtOptions;
import java.util.function.Supplier;

/**
 * The decoder of the ladder's {@link Rung#QUANTIZED_DECODER} rung: the main ViT-VAE decoder with its linear layers
 * in int8 ({@code DynamicInt8Quantizer}). For {@code nf-small} it keeps quality (0.05 dB below float32 on the 500
 * validation frames) for about 0.72 times the decode time on the CPU, so it is the ladder's first step down (the
 * rule and the figures are in {@code perf/RESULTS.md}). Pass {@link #int8} to
 * {@code FramePipeline.Builder.quantizedDecoder} (or the jME state's builder).
 */
public final class QuantizedDecoder {

    private QuantizedDecoder() {
    }

    /**
     * A factory of int8 decoders for the decoder part of {@code weights}; each call quantizes and opens a new ONNX
     * Runtime session, as the pipeline needs when it replaces a hung decoder.
     */
    public static Supplier<Decoder> int8(VitVaeWeights weights, OrtOptions options) {
        return () -> OrtDecoder.createInt8(weights, options);
    }
}
