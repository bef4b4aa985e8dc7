package io.neuroframe.codec.safetensors;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.neuroframe.codec.weights.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;

/**
 * Writes tensors to a safetensors file (see {@link SafetensorsFile} for the layout) in F32, F16
 * or BF16. Tensors are stored one after another in the order given; the header is padded with
 * spaces to a multiple of 8 bytes so the data section is aligned. The file appears atomically:
 * it is written next to its destination and then moved into place, so an interrupted write never
 * leaves a half-written file under the final name.
 */
public final class SafetensorsWriter {

    private static final int CHUNK_ELEMENTS = 1 << 16;

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code tensors} to {@code path} in {@code dtype}, with {@code metadata} as the
     * header's {@code __metadata__} (omitted when empty). The file appears whole or not at all (written
     * beside it, then moved); its folder is created when missing.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite, or does not fit F16's
     *         range (|x| above {@link HalfPrecision#HALF_MAX}); the message names the tensor and index
     */
    public static void write(Path path, Collection<Tensor> tensors, Map<String, String> metadata,
                             SafetensorsDtype dtype) throws IOException {
        for (Tensor tensor : tensors) {
            checkRepresentable(tensor, dtype);
        }
        byte[] header = header(tensors, metadata, dtype);
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
                out.write(length.array());
                out.write(header);
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (Tensor tensor : tensors) {
                    writeData(out, tensor.data(), dtype, chunk);
                }
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void checkRepresentable(Tensor tensor, SafetensorsDtype dtype) {
        float[] data = tensor.data();
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("tensor " + tensor.name() + " holds " + v + " at flat index " + i
                        + "; only finite values are written");
            }
            if (dtype == SafetensorsDtype.F16 && Math.abs(v) > HalfPrecision.HALF_MAX) {
                throw new IllegalArgumentException("tensor " + tensor.name() + " holds " + v + " at flat index " + i
                        + ", outside F16's range of +-" + HalfPrecision.HALF_MAX);
            }
        }
    }

    private static byte[] header(Collection<Tensor> tensors, Map<String, String> metadata, SafetensorsDtype dtype) {
        JsonObject root = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            root.add(SafetensorsFile.METADATA_KEY, meta);
        }
        long offset = 0;
        for (Tensor tensor : tensors) {
            if (root.has(tensor.name())) {
                throw new IllegalArgumentException("tensor name " + tensor.name() + " appears twice");
            }
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", dtype.name());
            JsonArray shape = new JsonArray();
            for (int dim : tensor.shape()) {
                shape.add(dim);
            }
            entry.add("shape", shape);
            long end = offset + (long) tensor.data().length * dtype.bytes();
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            entry.add("data_offsets", offsets);
            root.add(tensor.name(), entry);
            offset = end;
        }
        byte[] json = new Gson().toJson(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            header[i] = ' ';
        }
        return header;
    }

    private static void writeData(OutputStream out, float[] data, SafetensorsDtype dtype, ByteBuffer chunk)
            throws IOException {
        for (int start = 0; start < data.length; start += CHUNK_ELEMENTS) {
            int end = Math.min(data.length, start + CHUNK_ELEMENTS);
            chunk.clear();
            for (int i = start; i < end; i++) {
                switch (dtype) {
                    case F32 -> chunk.putFloat(data[i]);
                    case F16 -> chunk.putShort(HalfPrecision.floatToHalf(data[i]));
                    case BF16 -> chunk.putShort(HalfPrecision.floatToBfloat16(data[i]));
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }
}
