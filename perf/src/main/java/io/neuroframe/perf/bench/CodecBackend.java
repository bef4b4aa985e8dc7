package io.neuroframe.perf.bench;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.codec.djl.DjlConvDecoder;
import io.neuroframe.codec.djl.DjlDecoder;
import io.neuroframe.codec.djl.DjlEncoder;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.codec.reference.ReferenceConvDecoder;
import io.neuroframe.codec.reference.ReferenceDecoder;
import io.neuroframe.codec.reference.ReferenceEncoder;
import java.util.Locale;

/** The codec backends a benchmark can run, by the name used in its {@code backend} parameter. */
public enum CodecBackend {
    /** ONNX Runtime on the CPU with its default threads. */
    ONNX,
    /** DJL's PyTorch engine with its default threads. */
    DJL,
    /** The plain-Java reference implementation (single thread). */
    REFERENCE;

    /** The backend called {@code name} ({@code onnx}, {@code djl} or {@code reference}). */
    public static CodecBackend of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** A decoder for the decoder part of {@code weights} on this backend. */
    public Decoder decoder(VitVaeWeights weights) {
        return switch (this) {
            case ONNX -> OrtDecoder.create(weights);
            case DJL -> DjlDecoder.create(weights, PyTorchRuntime.engine());
            case REFERENCE -> new ReferenceDecoder(weights);
        };
    }

    /** A decoder for convolutional decoder weights (e.g. {@code nf-tiny}) on this backend. */
    public Decoder decoder(ConvDecoderWeights weights) {
        return switch (this) {
            case ONNX -> OrtDecoder.create(weights);
            case DJL -> DjlConvDecoder.create(weights, PyTorchRuntime.engine());
            case REFERENCE -> new ReferenceConvDecoder(weights);
        };
    }

    /**
     * A decoder of preset {@code preset} with random weights of its exact shapes (the cost does not
     * depend on the values): a convolutional decoder preset such as {@code nf-tiny}, else a ViT-VAE preset.
     */
    public Decoder decoderOfPreset(String preset) {
        boolean conv = ConvDecoderConfig.PRESETS.stream().anyMatch(c -> c.name().equals(preset));
        return conv ? decoder(ConvDecoderWeights.random(ConvDecoderConfig.preset(preset), 1))
                : decoder(VitVaeWeights.random(VitVaeConfig.preset(preset), 1));
    }

    /** An encoder for the encoder part of {@code weights} on this backend. */
    public Encoder encoder(VitVaeWeights weights) {
        return switch (this) {
            case ONNX -> OrtEncoder.create(weights);
            case DJL -> DjlEncoder.create(weights, PyTorchRuntime.engine());
            case REFERENCE -> new ReferenceEncoder(weights);
        };
    }
}
