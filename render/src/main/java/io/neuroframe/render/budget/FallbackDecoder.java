package io.neuroframe.render.budget;

import io.neuroframe.api.Decoder;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The decoder of the ladder's {@link Rung#FALLBACK_DECODER} rung: {@code nf-tiny}, the
 * convolutional decoder distilled from {@code nf-small} for the same latent contract, on ONNX
 * Runtime, in float32 ({@link #nfTiny}) or int8 ({@link #nfTinyInt8}, calibrated on the game's own
 * frames: faster at the same quality, so the one to use where its model exists). Pass either to
 * {@code FramePipeline.Builder.fallbackDecoder} (or the jME state's builder); without a fallback
 * decoder the pipeline leaves that rung out.
 */
public final class FallbackDecoder {
    /** The committed nf-tiny weights, relative to the project folder. */
    public static final Path DEFAULT_WEIGHTS = Path.of("models", "nf-tiny.safetensors");
    /** The committed int8 model of those weights, relative to the project folder. */
    public static final Path DEFAULT_INT8_MODEL = Path.of("models", "nf-tiny-int8.onnx");

    private FallbackDecoder() {
    }

    /**
     * A factory of nf-tiny decoders for the weights in {@code file} with {@link OrtOptions#defaults()},
     * loaded once here; each call of the factory makes a new decoder, as the pipeline needs when it
     * replaces a hung one.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file if it does not hold nf-tiny weights
     */
    public static Supplier<Decoder> nfTiny(Path file) throws IOException {
        return nfTiny(file, OrtOptions.defaults());
    }

    /** As {@link #nfTiny(Path)}, on {@code options}. */
    public static Supplier<Decoder> nfTiny(Path file, OrtOptions options) throws IOException {
        ConvDecoderWeights weights = load(file);
        return () -> OrtDecoder.create(weights, options);
    }

    /**
     * A factory of int8 nf-tiny decoders for the ONNX model in {@code file}, as
     * {@code eval-vae --decoder nf-tiny.safetensors --int8 --save-int8 FILE} writes it (static int8
     * calibrated on training frames of the game's dataset: about 0.3x the decode time of
     * {@link #nfTiny}, 0.03 dB below it on the validation frames; see {@code perf/RESULTS.md}). The
     * model is opened once here to check it; each call of the factory opens it again.
     *
     * @throws IllegalArgumentException naming the file if it is missing, unreadable, not an ONNX
     *         model, or its input and output do not follow the latent contract
     */
    public static Supplier<Decoder> nfTinyInt8(Path file, OrtOptions options) {
        OrtDecoder.fromFile(file, options).close();
        return () -> OrtDecoder.fromFile(file, options);
    }

    private static ConvDecoderWeights load(Path file) throws IOException {
        ConvDecoderWeights weights = ConvDecoderWeights.load(file);
        if (!weights.config().equals(ConvDecoderConfig.NF_TINY)) {
            throw new IllegalArgumentException(file + ": fallback decoder weights must be "
                    + ConvDecoderConfig.NF_TINY.name() + ", the file holds " + weights.config());
        }
        return weights;
    }
}
