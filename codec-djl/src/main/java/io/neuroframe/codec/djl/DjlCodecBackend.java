package io.neuroframe.codec.djl;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.codec.backend.CodecBackend;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeWeights;

/**
 * The DJL PyTorch backend, found through {@link java.util.ServiceLoader} when this module's jar
 * is on the class path. It ranks below ONNX Runtime (which decodes faster on a CPU); select it with
 * {@code -Dneuroframe.backend=djl}.
 */
public final class DjlCodecBackend implements CodecBackend {
    /** The name that selects this backend. */
    public static final String NAME = "djl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 50;
    }

    @Override
    public boolean isAvailable() {
        try {
            PyTorchRuntime.engine();
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Encoder encoder(VitVaeWeights weights) {
        return DjlEncoder.create(weights, PyTorchRuntime.engine());
    }

    @Override
    public Decoder decoder(VitVaeWeights weights) {
        return DjlDecoder.create(weights, PyTorchRuntime.engine());
    }

    @Override
    public Decoder decoder(ConvDecoderWeights weights) {
        return DjlConvDecoder.create(weights, PyTorchRuntime.engine());
    }
}
