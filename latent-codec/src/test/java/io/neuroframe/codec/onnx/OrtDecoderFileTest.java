package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.VitVaeOnnxExporter.WeightStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrtDecoderFileTest {

    @TempDir
    Path dir;

    @Test
    void anExportedDecoderFileDecodesLikeTheInMemoryExport() throws IOException {
        VitVaeWeights weights = TinyCodec.weights(9);
        Path file = dir.resolve("tiny-decoder.onnx");
        VitVaeOnnxExporter.write(VitVaeOnnxExporter.decoder(weights), file);
        float[] latents = TinyCodec.latents(2, 1);
        try (OrtDecoder fromFile = OrtDecoder.fromFile(file); OrtDecoder inMemory = OrtDecoder.create(weights)) {
            assertArrayEquals(inMemory.decodeBatch(latents, 2), fromFile.decodeBatch(latents, 2), 0f);
            assertEquals("tiny-decoder.onnx (onnxruntime, cpu)", fromFile.describe());
        }
    }

    @Test
    void anExportedEncoderFileWithLogvarEncodesLikeTheInMemoryExport() throws IOException {
        VitVaeWeights weights = TinyCodec.weights(9);
        Path file = dir.resolve("tiny-encoder.onnx");
        VitVaeOnnxExporter.write(VitVaeOnnxExporter.encoder(weights, WeightStorage.FLOAT32, true), file);
        float[] images = TinyCodec.images(2, 1);
        try (OrtEncoder fromFile = OrtEncoder.fromFile(file); OrtEncoder inMemory = OrtEncoder.create(weights)) {
            float[] latents = fromFile.encodeBatch(images, 2);
            assertArrayEquals(inMemory.encodeBatch(images, 2), latents, 0f);
            assertTrue(Arrays.stream(box(latents)).anyMatch(v -> v != 0f), "latents are not all zero");
        }
    }

    @Test
    void halfPrecisionStorageSavesTwoBytesPerWeightAndDecodesCloseToFloat32() throws IOException {
        VitVaeWeights weights = TinyCodec.weights(9);
        Path full = dir.resolve("f32.onnx");
        Path half = dir.resolve("f16.onnx");
        VitVaeOnnxExporter.write(VitVaeOnnxExporter.decoder(weights, WeightStorage.FLOAT32), full);
        ModelProto halfModel = VitVaeOnnxExporter.decoder(weights, WeightStorage.FLOAT16);
        VitVaeOnnxExporter.write(halfModel, half);
        // Weights shrink from 4 to 2 bytes each; the rotary tables stay float32 in both files. The
        // stored weights are the layers' constants with the norms and the rotation folded in.
        long parameters = halfModel.getGraph().getInitializerList().stream()
                .filter(t -> t.getDataType() == TensorProto.DataType.FLOAT16.getNumber())
                .mapToLong(t -> t.getDimsList().stream().reduce(1L, (x, y) -> x * y)).sum();
        assertTrue(parameters > VitVaeLayout.of(TinyCodec.CONFIG).parameterCount(VitVaeLayout.Part.DECODER) / 2,
                "most constants are stored as float16: " + parameters);
        long saved = Files.size(full) - Files.size(half);
        assertTrue(Math.abs(saved - 2 * parameters) < 0.02 * parameters, saved + " bytes saved for " + parameters + " weights");
        float[] latents = TinyCodec.latents(1, 2);
        try (OrtDecoder a = OrtDecoder.fromFile(full); OrtDecoder b = OrtDecoder.fromFile(half)) {
            float diff = TinyCodec.maxAbsDiff(a.decodeBatch(latents, 1), b.decodeBatch(latents, 1));
            assertTrue(diff > 0f && diff < 2e-2f, "float16 weights change the image a little: " + diff);
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.onnx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrtDecoder.fromFile(missing));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("nope.onnx"), e.getMessage());
    }

    @Test
    void aCorruptFileIsNamed() throws IOException {
        Path corrupt = dir.resolve("corrupt.onnx");
        byte[] good = VitVaeOnnxExporter.decoder(TinyCodec.weights(1)).toByteArray();
        Files.write(corrupt, Arrays.copyOf(good, good.length / 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrtDecoder.fromFile(corrupt));
        assertTrue(e.getMessage().contains("corrupt.onnx") && e.getMessage().contains("cannot load"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAModelIsNamed() throws IOException {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "this is not a model\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrtDecoder.fromFile(text));
        assertTrue(e.getMessage().contains("notes.onnx"), e.getMessage());
    }

    @Test
    void aDecoderWithTheWrongLatentShapeIsRejectedWithTheMismatch() throws IOException {
        Path file = dir.resolve("wrong-shape.onnx");
        write(file, passThrough("latent", new Object[] {"batch", 576, 8}, "image", new Object[] {"batch", 576, 8}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrtDecoder.fromFile(file));
        String message = e.getMessage();
        assertTrue(message.startsWith("wrong-shape.onnx is not a NeuroFrame decoder"), message);
        assertTrue(message.contains("input 'latent' has dimension 2 = 8 (?, 576, 8), expected 16"), message);
        assertTrue(message.contains("output 'image' has rank 3"), message);
    }

    @Test
    void aDecoderWithWrongNamesIsRejectedWithTheNamesFound() throws IOException {
        Path file = dir.resolve("wrong-names.onnx");
        write(file, passThrough("z", new Object[] {1, 576, 16}, "rgb", new Object[] {1, 576, 16}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrtDecoder.fromFile(file));
        assertTrue(e.getMessage().contains("no input named 'latent' (found [z])"), e.getMessage());
        assertTrue(e.getMessage().contains("no output named 'image' (found [rgb])"), e.getMessage());
    }

    @Test
    void aDecoderWithAFixedBatchOfTwoIsRejected() throws IOException {
        Path file = dir.resolve("batch-two.onnx");
        write(file, upsampler(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrtDecoder.fromFile(file));
        assertTrue(e.getMessage().contains("batch dimension 2"), e.getMessage());
    }

    @Test
    void anyDecoderFollowingTheContractCanBeBroughtAlongEvenWithAFixedBatchOfOne() throws IOException {
        Path file = dir.resolve("own-decoder.onnx");
        write(file, upsampler(1));
        float[] latents = TinyCodec.latents(2, 8);
        try (OrtDecoder own = OrtDecoder.fromFile(file)) {
            float[] images = own.decodeBatch(latents, 2);
            // The test decoder paints every pixel with channel 0 of the first token, mapped to [0, 1].
            float expected = Math.min(1f, Math.max(0f, latents[LatentContract.LATENT_FLOATS] / LatentContract.SCALING_FACTOR * 0.5f + 0.5f));
            assertEquals(expected, images[LatentContract.IMAGE_FLOATS + 1234], 1e-6f);
        }
    }

    @Test
    void aDecoderWhoseSymbolicOutputComesOutTransposedIsRefusedInsteadOfScramblingTheBatch() throws IOException {
        Path file = dir.resolve("transposed.onnx");
        write(file, symbolicPainter(Reshaping.TRANSPOSE_BATCH_AND_CHANNELS));
        try (OrtDecoder own = OrtDecoder.fromFile(file)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> own.decodeBatch(TinyCodec.latents(2, 8), 2));
            assertTrue(e.getMessage().contains("transposed.onnx: output 'image' has shape [3, 2, 360, 640] for a batch "
                    + "of 2, expected [2, 3, 360, 640]"), e.getMessage());
        }
    }

    @Test
    void aDecoderThatOutputsMoreImagesThanItWasGivenIsRefusedInsteadOfTruncated() throws IOException {
        Path file = dir.resolve("doubled.onnx");
        write(file, symbolicPainter(Reshaping.DOUBLE_THE_BATCH));
        try (OrtDecoder own = OrtDecoder.fromFile(file)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> own.decodeBatch(TinyCodec.latents(2, 8), 2));
            assertTrue(e.getMessage().contains("output 'image' has shape [4, 3, 360, 640] for a batch of 2, "
                    + "expected [2, 3, 360, 640]"), e.getMessage());
        }
    }

    @Test
    void aDecoderWithSymbolicDimensionsThatOutputsTheContractShapeDecodesTheBatch() throws IOException {
        Path file = dir.resolve("symbolic.onnx");
        write(file, symbolicPainter(Reshaping.NONE));
        float[] latents = TinyCodec.latents(2, 8);
        try (OrtDecoder own = OrtDecoder.fromFile(file)) {
            float[] images = own.decodeBatch(latents, 2);
            assertEquals(Math.min(1f, Math.max(0f, latents[LatentContract.LATENT_FLOATS] / LatentContract.SCALING_FACTOR
                    * 0.5f + 0.5f)), images[LatentContract.IMAGE_FLOATS + 1234], 1e-6f);
        }
    }

    @Test
    void aWronglyShapedOutputIsRefusedForASingleFrameToo() throws IOException {
        Path file = dir.resolve("transposed-one.onnx");
        write(file, symbolicPainter(Reshaping.TRANSPOSE_BATCH_AND_CHANNELS));
        try (OrtDecoder own = OrtDecoder.fromFile(file)) {
            FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> own.decode(FloatBuffer.wrap(TinyCodec.latents(1, 8)), image));
            assertTrue(e.getMessage().contains("transposed-one.onnx: ONNX Runtime run failed")
                    && e.getMessage().contains("{3,1,360,640}"), e.getMessage());
        }
    }

    /** A graph that only renames its input to its output. */
    private static ModelProto passThrough(String in, Object[] inDims, String out, Object[] outDims) {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("pass-through");
        String x = graph.input(in, inDims);
        graph.output(x, out, outDims);
        return graph.build("test", "wrong on purpose");
    }

    /**
     * A stand-in "own decoder": takes channel 0 of token 0, unscales it and paints the whole image
     * with {@code clamp(z / 2 + 0.5, 0, 1)}, with input and output batch fixed at {@code batch}.
     */
    private static ModelProto upsampler(int batch) {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("own-decoder");
        String latent = graph.input("latent", batch, 576, 16);
        String first = graph.node("Slice", "first", new String[] {latent, graph.int64Initializer("starts", 0, 0),
                graph.int64Initializer("ends", 1, 1), graph.int64Initializer("axes", 1, 2)});
        String z = graph.op("Div", "z", first, graph.scalar("s", LatentContract.SCALING_FACTOR));
        String shifted = graph.op("Add", "shifted", graph.op("Mul", "halved", z, graph.scalar("half", 0.5f)),
                graph.scalar("half_again", 0.5f));
        String clipped = graph.op("Clip", "clipped", shifted, graph.scalar("lo", 0f), graph.scalar("hi", 1f));
        String column = graph.op("Reshape", "column", clipped, graph.int64Initializer("column_shape", batch, 1, 1, 1));
        String image = graph.op("Expand", "painted", column, graph.int64Initializer("image_shape", batch, 3, 360, 640));
        graph.output(image, "image", batch, 3, 360, 640);
        return graph.build("test", "paints the first latent value");
    }

    private enum Reshaping { NONE, TRANSPOSE_BATCH_AND_CHANNELS, DOUBLE_THE_BATCH }

    /**
     * Paints each item's image like {@link #upsampler} but declares every output dimension
     * symbolic, so only the shape of the real output tells whether it follows the contract.
     */
    private static ModelProto symbolicPainter(Reshaping reshaping) {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("symbolic-decoder");
        String latent = graph.input("latent", "batch", 576, 16);
        String first = graph.node("Slice", "first", new String[] {latent, graph.int64Initializer("starts", 0, 0),
                graph.int64Initializer("ends", 1, 1), graph.int64Initializer("axes", 1, 2)});
        String z = graph.op("Div", "z", first, graph.scalar("s", LatentContract.SCALING_FACTOR));
        String shifted = graph.op("Add", "shifted", graph.op("Mul", "halved", z, graph.scalar("half", 0.5f)),
                graph.scalar("half_again", 0.5f));
        String clipped = graph.op("Clip", "clipped", shifted, graph.scalar("lo", 0f), graph.scalar("hi", 1f));
        String column = graph.op("Reshape", "column", clipped, graph.int64Initializer("column_shape", -1, 1, 1, 1));
        String image = graph.op("Expand", "painted", column, graph.int64Initializer("image_shape", 1, 3, 360, 640));
        String out = switch (reshaping) {
            case NONE -> image;
            case TRANSPOSE_BATCH_AND_CHANNELS -> graph.op("Reshape", "transposed", image, graph.node("Gather",
                    "swapped_shape", new String[] {graph.op("Shape", "shape", image),
                        graph.int64Initializer("swap", 1, 0, 2, 3)}));
            case DOUBLE_THE_BATCH -> graph.node("Concat", "doubled", new String[] {image, image}, "axis", 0L);
        };
        graph.output(out, "image", "n", "c", "h", "w");
        return graph.build("test", "paints the first latent value; output shape only known at run time");
    }

    private static void write(Path file, ModelProto model) throws IOException {
        VitVaeOnnxExporter.write(model, file);
    }

    private static Float[] box(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
