package io.neuroframe.codec.backend;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.codec.onnx.OrtRuntime;

/** The default backend: ONNX Runtime with the options of {@link io.neuroframe.codec.onnx.OrtOptions#defaults()}. */
public final class OrtCodecBackend implements CodecBackend {
    /** The name that selects this backend. */
    public static final String NAME = "onnxruntime";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public boolean isAvailable() {
        try {
            OrtRuntime.environment();
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Encoder encoder(VitVaeWeights weights) {
        return OrtEncoder.create(weights);
    }

    @Override
    public Decoder decoder(VitVaeWeights weights) {
        return OrtDecoder.create(weights);
    }

    @Override
    public Decoder decoder(ConvDecoderWeights weights) {
        return OrtDecoder.create(weights);
    }
}
