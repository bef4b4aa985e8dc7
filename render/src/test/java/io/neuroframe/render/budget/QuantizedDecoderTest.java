package io.neuroframe.render.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.neuroframe.api.Decoder;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtOptions;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class QuantizedDecoderTest {

    @Test
    void theFactoryMakesAFreshInt8DecoderOfTheWeightsEachCall() {
        VitVaeWeights weights = VitVaeWeights.random(new VitVaeConfig("test-tiny", 16, 20, 32, 1, 2, 32, 1, 2, 4), 5);
        Supplier<Decoder> factory = QuantizedDecoder.int8(weights, OrtOptions.defaults());
        try (Decoder a = factory.get(); Decoder b = factory.get()) {
            assertNotSame(a, b);
            assertEquals("test-tiny-int8 (onnxruntime, cpu)", a.describe());
        }
    }
}
