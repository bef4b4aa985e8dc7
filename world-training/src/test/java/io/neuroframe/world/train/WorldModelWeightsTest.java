package io.neuroframe.world.train;

import io.neuroframe.world.model.DitTensorLayout;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import com.google.gson.Gson;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.weights.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldModelWeightsTest {
    /** Oasis's DiT-S/2 layout at reduced width and depth: the same names, smaller shapes. */
    private static final WorldModelConfig SMALL_OASIS =
            new WorldModelConfig("oasis-shaped", 2, 16, 2, 2, 4, 4, WorldModelConfig.Objective.DIFFUSION, 0f);

    @TempDir
    Path dir;

    /** A checkpoint written the way open-oasis's state dict names things, rotary constants included. */
    private static List<Tensor> oasisStyleTensors(WorldModelConfig config, long seed) {
        Random random = new Random(seed);
        List<Tensor> out = new ArrayList<>();
        for (String name : hardCodedOasisNames(config.depth())) {
            int[] shape = DitTensorLayout.specs(config).stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("layout lacks Oasis tensor " + name)).shape();
            float[] data = new float[(int) Tensor.elementCount(shape)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (random.nextGaussian() * 0.05);
            }
            out.add(new Tensor(name, shape, data));
        }
        int hd = config.headDim();
        out.add(new Tensor("spatial_rotary_emb.freqs", new int[] {hd / 4}, new float[hd / 4]));
        out.add(new Tensor("temporal_rotary_emb.freqs", new int[] {hd / 2}, new float[hd / 2]));
        out.add(new Tensor("blocks.0.s_attn.rotary_emb.freqs", new int[] {hd / 4}, new float[hd / 4]));
        return out;
    }

    /** The state-dict keys of open-oasis's DiT, spelled out independently of DitTensorLayout. */
    private static List<String> hardCodedOasisNames(int depth) {
        List<String> names = new ArrayList<>(List.of("x_embedder.proj.weight", "x_embedder.proj.bias",
                "t_embedder.mlp.0.weight", "t_embedder.mlp.0.bias", "t_embedder.mlp.2.weight", "t_embedder.mlp.2.bias",
                "external_cond.weight", "external_cond.bias", "final_layer.linear.weight", "final_layer.linear.bias",
                "final_layer.adaLN_modulation.1.weight", "final_layer.adaLN_modulation.1.bias"));
        for (int i = 0; i < depth; i++) {
            for (String h : new String[] {"s", "t"}) {
                for (String suffix : new String[] {"_attn.to_qkv.weight", "_attn.to_out.weight", "_attn.to_out.bias",
                    "_mlp.fc1.weight", "_mlp.fc1.bias", "_mlp.fc2.weight", "_mlp.fc2.bias",
                    "_adaLN_modulation.1.weight", "_adaLN_modulation.1.bias"}) {
                    names.add("blocks." + i + "." + h + suffix);
                }
            }
        }
        return names;
    }

    @Test
    void loadsAnOasisNamedCheckpointByTensorName() throws Exception {
        List<Tensor> tensors = oasisStyleTensors(SMALL_OASIS, 3);
        assertEquals(DitTensorLayout.specs(SMALL_OASIS).size() + 3, tensors.size());
        Path file = dir.resolve("oasis-small.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of(), SafetensorsDtype.BF16);
        Engine engine = PyTorchRuntime.engine(1);
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.load(file, SMALL_OASIS, manager)) {
            Map<String, Tensor> loaded = new java.util.HashMap<>();
            model.toTensors().forEach(t -> loaded.put(t.name(), t));
            for (Tensor t : tensors) {
                if (!DitTensorLayout.isRecomputedConstant(t.name())) {
                    assertArrayEquals(t.shape(), loaded.get(t.name()).shape(), t.name());
                    assertArrayEquals(t.data(), loaded.get(t.name()).data(), 1e-2f, t.name());
                }
            }
            NDArray out = model.forward(manager.randomNormal(new Shape(1, 3, 18, 32, 16)),
                    manager.create(new float[] {14, 14, 500}, new Shape(1, 3)), manager.zeros(new Shape(1, 3, 25)));
            assertEquals(new Shape(1, 3, 18, 32, 16), out.getShape());
            assertTrue(out.abs().max().getFloat() > 0, "a loaded model with non-zero output weights gives non-zero output");
        }
    }

    @Test
    void rejectsMissingAndMisshapedTensorsNamingThem() throws Exception {
        List<Tensor> tensors = oasisStyleTensors(SMALL_OASIS, 4);
        List<Tensor> missing = new ArrayList<>(tensors);
        missing.removeIf(t -> t.name().equals("blocks.1.t_attn.to_qkv.weight"));
        Path missingFile = dir.resolve("missing.safetensors");
        SafetensorsWriter.write(missingFile, missing, Map.of(), SafetensorsDtype.F32);
        List<Tensor> misshaped = new ArrayList<>(tensors);
        misshaped.replaceAll(t -> t.name().equals("external_cond.weight")
                ? new Tensor(t.name(), new int[] {16, 24}, new float[16 * 24]) : t);
        Path misshapedFile = dir.resolve("misshaped.safetensors");
        SafetensorsWriter.write(misshapedFile, misshaped, Map.of(), SafetensorsDtype.F32);
        Engine engine = PyTorchRuntime.engine(1);
        try (NDManager manager = engine.newBaseManager()) {
            IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                    () -> WorldDit.load(missingFile, SMALL_OASIS, manager));
            assertTrue(e1.getMessage().contains("missing tensor blocks.1.t_attn.to_qkv.weight"), e1.getMessage());
            assertTrue(e1.getMessage().contains("missing.safetensors"), e1.getMessage());
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                    () -> WorldDit.load(misshapedFile, SMALL_OASIS, manager));
            assertTrue(e2.getMessage().contains("external_cond.weight has shape [16, 24], expected [16, 25]"), e2.getMessage());
            IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                    () -> WorldDit.load(missingFile, SMALL_OASIS.withName("x").withMaxFrames(4), manager));
            assertTrue(e3.getMessage().contains("missing tensor"), e3.getMessage());
        }
    }

    @Test
    void savedWeightsRecordTheirPresetAndLoadBackExactly() throws Exception {
        Engine engine = PyTorchRuntime.engine(1);
        Path file = dir.resolve("small.safetensors");
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 9)) {
            model.save(file, Map.of("note", "test"), SafetensorsDtype.F32);
            assertEquals(WorldTrainerTest.TINY, WorldModelWeights.recordedConfig(file));
            try (WorldDit back = WorldDit.load(file, WorldTrainerTest.TINY, manager)) {
                List<Tensor> a = model.toTensors();
                List<Tensor> b = back.toTensors();
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i).data(), b.get(i).data(), a.get(i).name());
                }
            }
            IllegalArgumentException wrongPreset = assertThrows(IllegalArgumentException.class,
                    () -> WorldDit.load(file, SMALL_OASIS, manager));
            assertTrue(wrongPreset.getMessage().contains("weights were saved for tiny"), wrongPreset.getMessage());
        }
    }

    @Test
    void aViewShiftIsRecordedAndWeightsAreNotRunWithAnother() throws Exception {
        Path file = dir.resolve("shifted.safetensors");
        WorldModelConfig shifted = WorldTrainerTest.TINY.withViewShift(5.5f);
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(shifted, manager, 9)) {
            model.save(file, Map.of(), SafetensorsDtype.F32);
            assertEquals(shifted, WorldModelWeights.recordedConfig(file));
            IllegalArgumentException unshifted = assertThrows(IllegalArgumentException.class,
                    () -> WorldModelWeights.load(file, WorldTrainerTest.TINY));
            assertTrue(unshifted.getMessage().contains("view shift of 5.5 cells per camera unit, not 0.0"), unshifted.getMessage());
        }
        // a file written before the view shift existed records none, and reads back as no shift
        Gson gson = new Gson();
        String withoutViewShift = gson.toJson(WorldTrainerTest.TINY).replace(",\"viewShift\":0.0", "");
        assertFalse(withoutViewShift.contains("viewShift"), withoutViewShift);
        assertEquals(0f, gson.fromJson(withoutViewShift, WorldModelConfig.class).viewShift());
    }
}
