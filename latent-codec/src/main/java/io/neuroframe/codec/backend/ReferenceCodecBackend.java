package io.neuroframe.codec.backend;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.reference.ReferenceConvDecoder;
import io.neuroframe.codec.reference.ReferenceDecoder;
import io.neuroframe.codec.reference.ReferenceEncoder;

/** The plain-Java reference: no native code, always available, far too slow for a frame budget. */
public final class ReferenceCodecBackend implements CodecBackend {
    /** The name that selects this backend. */
    public static final String NAME = "java";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Encoder encoder(VitVaeWeights weights) {
        return new ReferenceEncoder(weights);
    }

    @Override
    public Decoder decoder(VitVaeWeights weights) {
        return new ReferenceDecoder(weights);
    }

    @Override
    public Decoder decoder(ConvDecoderWeights weights) {
        return new ReferenceConvDecoder(weights);
    }
}
