package io.neuroframe.codec.model;

import io.neuroframe.codec.model.VitVaeLayout.Part;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsException;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.weights.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VitVaeWeightsFileTest {

    /** Oasis's architecture at reduced size: width 64 (one head of 64), two blocks each side. */
    private static final VitVaeConfig REDUCED = new VitVaeConfig("oasis-reduced", 16, 20, 64, 2, 1, 64, 2, 1, 4);

    @TempDir
    Path dir;

    /**
     * The state dict of Oasis's AutoencoderKL (vae.py) written out by hand, name by name, at
     * width 64 and depth 2, sorted by name as safetensors stores them. It does not use
     * {@link VitVaeLayout}, so it checks the layout's names against the original module names.
     */
    private static Map<String, Tensor> oasisStateDict(int dim, int depth) {
        Map<String, int[]> shapes = new TreeMap<>();
        shapes.put("patch_embed.proj.weight", new int[] {dim, 3, 20, 20});
        shapes.put("patch_embed.proj.bias", new int[] {dim});
        for (String stack : List.of("encoder", "decoder")) {
            for (int i = 0; i < depth; i++) {
                String p = stack + "." + i + ".";
                shapes.put(p + "norm1.weight", new int[] {dim});
                shapes.put(p + "norm1.bias", new int[] {dim});
                shapes.put(p + "attn.qkv.weight", new int[] {3 * dim, dim});
                shapes.put(p + "attn.qkv.bias", new int[] {3 * dim});
                shapes.put(p + "attn.proj.weight", new int[] {dim, dim});
                shapes.put(p + "attn.proj.bias", new int[] {dim});
                shapes.put(p + "norm2.weight", new int[] {dim});
                shapes.put(p + "norm2.bias", new int[] {dim});
                shapes.put(p + "mlp.fc1.weight", new int[] {4 * dim, dim});
                shapes.put(p + "mlp.fc1.bias", new int[] {4 * dim});
                shapes.put(p + "mlp.fc2.weight", new int[] {dim, 4 * dim});
                shapes.put(p + "mlp.fc2.bias", new int[] {dim});
            }
        }
        shapes.put("enc_norm.weight", new int[] {dim});
        shapes.put("enc_norm.bias", new int[] {dim});
        shapes.put("quant_conv.weight", new int[] {32, dim});
        shapes.put("quant_conv.bias", new int[] {32});
        shapes.put("post_quant_conv.weight", new int[] {dim, 16});
        shapes.put("post_quant_conv.bias", new int[] {dim});
        shapes.put("dec_norm.weight", new int[] {dim});
        shapes.put("dec_norm.bias", new int[] {dim});
        shapes.put("predictor.weight", new int[] {1200, dim});
        shapes.put("predictor.bias", new int[] {1200});
        Map<String, Tensor> tensors = new TreeMap<>();
        int seed = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            float[] data = new float[(int) Tensor.elementCount(e.getValue())];
            seed++;
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) Math.sin(seed * 0.37 + i * 0.011) * 0.05f;
            }
            tensors.put(e.getKey(), new Tensor(e.getKey(), e.getValue(), data));
        }
        return tensors;
    }

    private Path writeOasisFile(Map<String, Tensor> tensors, SafetensorsDtype dtype) throws IOException {
        Path file = dir.resolve("vit-reduced.safetensors");
        SafetensorsWriter.write(file, tensors.values(), Map.of("format", "pt"), dtype);
        return file;
    }

    @Test
    void loadsACheckpointWithOasisTensorNames() throws IOException {
        Map<String, Tensor> state = oasisStateDict(64, 2);
        Path file = writeOasisFile(state, SafetensorsDtype.F32);
        VitVaeWeights weights = VitVaeWeights.load(file, REDUCED);
        assertEquals(Part.ALL, weights.part());
        assertEquals(state.size(), weights.tensors().size());
        for (Tensor t : state.values()) {
            assertArrayEquals(t.data(), weights.data(t.name()), t.name());
        }
        assertEquals(new ArrayList<>(weights.layout().tensors(Part.ALL).keySet()),
                new ArrayList<>(weights.tensors().keySet()), "weights come back in forward order");
    }

    @Test
    void loadsTheDecoderAloneFromAWholeCheckpoint() throws IOException {
        Path file = writeOasisFile(oasisStateDict(64, 2), SafetensorsDtype.F16);
        VitVaeWeights decoder = VitVaeWeights.load(file, REDUCED, Part.DECODER);
        assertEquals(Part.DECODER, decoder.part());
        assertEquals(VitVaeLayout.of(REDUCED).tensors(Part.DECODER).size(), decoder.tensors().size());
    }

    @Test
    void detectsADecoderOnlyFile() throws IOException {
        Map<String, Tensor> state = oasisStateDict(64, 2);
        state.keySet().removeIf(name -> VitVaeLayout.of(REDUCED).partOf(name) == Part.ENCODER);
        Path file = writeOasisFile(state, SafetensorsDtype.BF16);
        VitVaeWeights weights = VitVaeWeights.load(file, REDUCED);
        assertEquals(Part.DECODER, weights.part());
        assertThrows(IllegalArgumentException.class, () -> VitVaeWeights.load(file, REDUCED, Part.ENCODER));
    }

    @Test
    void reportsAMissingTensorWithItsExpectedShape() throws IOException {
        Map<String, Tensor> state = oasisStateDict(64, 2);
        state.remove("decoder.1.attn.proj.weight");
        Path file = writeOasisFile(state, SafetensorsDtype.F32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VitVaeWeights.load(file, REDUCED));
        assertTrue(e.getMessage().contains("missing tensor decoder.1.attn.proj.weight (expected shape [64, 64])"),
                e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void reportsAnUnexpectedTensor() throws IOException {
        Map<String, Tensor> state = oasisStateDict(64, 2);
        state.put("decoder.2.norm1.weight", new Tensor("decoder.2.norm1.weight", new int[] {64}, new float[64]));
        Path file = writeOasisFile(state, SafetensorsDtype.F32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VitVaeWeights.load(file, REDUCED));
        assertTrue(e.getMessage().contains("unexpected tensor decoder.2.norm1.weight"), e.getMessage());
    }

    @Test
    void reportsAWronglyShapedTensor() throws IOException {
        Map<String, Tensor> state = oasisStateDict(64, 2);
        state.put("post_quant_conv.weight", new Tensor("post_quant_conv.weight", new int[] {16, 64}, new float[1024]));
        Path file = writeOasisFile(state, SafetensorsDtype.F32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VitVaeWeights.load(file, REDUCED));
        assertTrue(e.getMessage().contains("1 problem\n  tensor post_quant_conv.weight has shape [16, 64], expected [64, 16]"),
                e.getMessage());
    }

    @Test
    void listsTheFirstProblemsWhenLoadedAsTheWrongPreset() throws IOException {
        Path file = writeOasisFile(oasisStateDict(64, 2), SafetensorsDtype.F32);
        VitVaeConfig wider = new VitVaeConfig("wider", 16, 20, 64, 2, 1, 128, 2, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VitVaeWeights.load(file, wider));
        assertTrue(e.getMessage().contains("wider encoder and decoder weights: 29 problems"), e.getMessage());
        assertTrue(e.getMessage().contains("tensor decoder.0.attn.qkv.weight has shape [192, 64], expected [384, 128]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("... and 21 more"), e.getMessage());
    }

    @Test
    void reportsAWronglyTypedTensor() throws IOException {
        String header = "{\"predictor.bias\": {\"dtype\": \"I32\", \"shape\": [1200], \"data_offsets\": [0, 4800]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + 4800).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json);
        Path file = dir.resolve("typed.safetensors");
        Files.write(file, bytes.array());
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> VitVaeWeights.load(file, REDUCED));
        assertTrue(e.getMessage().contains("tensor predictor.bias: unsupported dtype I32"), e.getMessage());
    }

    @Test
    void reportsATruncatedCheckpoint() throws IOException {
        Path file = writeOasisFile(oasisStateDict(64, 2), SafetensorsDtype.F16);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> VitVaeWeights.load(file, REDUCED));
        assertTrue(e.getMessage().contains("tensor quant_conv.weight: data ends at byte"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated file?"), e.getMessage());
    }

    @Test
    void savesAndLoadsItsOwnWeightsInHalfPrecision() throws IOException {
        VitVaeWeights original = VitVaeWeights.random(REDUCED, 11);
        Path file = dir.resolve("own.safetensors");
        original.save(file, SafetensorsDtype.F16);
        VitVaeWeights loaded = VitVaeWeights.load(file, REDUCED);
        float[] a = original.data("decoder.0.mlp.fc1.weight");
        float[] b = loaded.data("decoder.0.mlp.fc1.weight");
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], Math.abs(a[i]) * 1e-3f + 6e-8f);
        }
        long expectedBytes = 2 * VitVaeLayout.of(REDUCED).parameterCount(Part.ALL);
        assertTrue(Files.size(file) > expectedBytes && Files.size(file) < expectedBytes + 20_000);
    }

    @Test
    void refusesWeightsSavedForAnotherPreset() throws IOException {
        Path file = dir.resolve("small.safetensors");
        VitVaeWeights.random(REDUCED, 1).save(file, SafetensorsDtype.F32);
        VitVaeConfig renamed = new VitVaeConfig("other", 16, 20, 64, 2, 1, 64, 2, 1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VitVaeWeights.load(file, renamed));
        assertTrue(e.getMessage().contains("saved for preset oasis-reduced, not other"), e.getMessage());
    }
}
