package io.neuroframe.codec.backend;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeWeights;

/**
 * A way to run the codec's models: ONNX Runtime (this module, the default), the plain-Java
 * reference (this module, slow, always there) or DJL PyTorch (module {@code codec-djl}).
 * Implementations are found with {@link java.util.ServiceLoader} by {@link CodecBackends}, which
 * picks the available one of highest {@link #rank()} unless the system property
 * {@value CodecBackends#PROPERTY} names another; a game changes backend by adding the backend's
 * jar and, where it does not outrank the default, setting that property.
 *
 * <p>Each call makes a new encoder or decoder that the caller owns and closes.
 */
public interface CodecBackend {

    /** The name used to select this backend, e.g. {@code "onnxruntime"}. */
    String name();

    /** Preference among available backends; the highest wins. */
    int rank();

    /** Whether this backend can run here (its native libraries load). */
    boolean isAvailable();

    /** An encoder for {@code weights} (which must hold the encoder). */
    Encoder encoder(VitVaeWeights weights);

    /** A decoder for {@code weights} (which must hold the decoder). */
    Decoder decoder(VitVaeWeights weights);

    /** A decoder for the convolutional decoder {@code weights} ({@code nf-tiny}). */
    Decoder decoder(ConvDecoderWeights weights);
}
