package io.neuroframe.codec.model;

import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.weights.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvDecoderWeightsTest {
    private static final ConvDecoderConfig SMALL = new ConvDecoderConfig("test-conv", 8, 1,
            List.of(new ConvDecoderConfig.Stage(4, 4, 1)), 5);

    @TempDir
    Path dir;

    @Test
    void halfPrecisionFileRoundTripsWithTheConfigInTheMetadata() throws Exception {
        ConvDecoderWeights weights = ConvDecoderWeights.random(SMALL, 3);
        Path file = dir.resolve("w.safetensors");
        weights.save(file, SafetensorsDtype.F16);
        assertTrue(ConvDecoderWeights.isConvDecoderFile(file));
        ConvDecoderWeights loaded = ConvDecoderWeights.load(file);
        assertEquals(SMALL, loaded.config());
        float[] a = weights.data("up.0.blocks.0.weight");
        float[] b = loaded.data("up.0.blocks.0.weight");
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], Math.abs(a[i]) * 1e-3 + 1e-6, "value " + i);
        }
    }

    @Test
    void missingUnexpectedAndWronglyShapedTensorsAreEachNamed() {
        Map<String, Tensor> tensors = new LinkedHashMap<>(ConvDecoderWeights.random(SMALL, 1).tensors());
        tensors.remove("stem.bias");
        tensors.put("extra.weight", new Tensor("extra.weight", new int[] {1}, new float[1]));
        tensors.put("out.bias", new Tensor("out.bias", new int[] {3}, new float[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvDecoderWeights.of(SMALL, tensors));
        assertTrue(e.getMessage().contains("missing tensor stem.bias"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected tensor extra.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("tensor out.bias has shape [3], expected [75]"), e.getMessage());
    }

    @Test
    void aFileWithoutTheConfigIsRejectedByName() throws Exception {
        Path file = dir.resolve("plain.safetensors");
        SafetensorsWriter.write(file, ConvDecoderWeights.random(SMALL, 1).tensors().values(), Map.of(), SafetensorsDtype.F32);
        assertFalse(ConvDecoderWeights.isConvDecoderFile(file));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvDecoderWeights.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not convolutional decoder weights"),
                e.getMessage());
    }

    @Test
    void aFileWithAWronglyShapedTensorNamesFileAndTensor() throws Exception {
        Path file = dir.resolve("bad.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>(ConvDecoderWeights.random(SMALL, 1).tensors());
        tensors.put("stem.weight", new Tensor("stem.weight", new int[] {8, 16, 1, 1}, new float[128]));
        SafetensorsWriter.write(file, tensors.values(), SMALL.toMetadata(), SafetensorsDtype.F32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvDecoderWeights.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("stem.weight has shape [8, 16, 1, 1]"),
                e.getMessage());
    }
}
