package io.neuroframe.codec.safetensors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.neuroframe.codec.weights.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file opened for reading: the header is parsed and checked on {@link #open}, and
 * each tensor's bytes are memory-mapped when it is read.
 *
 * <p>Layout: an 8-byte little-endian header length {@code N}, then {@code N} bytes of UTF-8 JSON
 * mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets
 * relative to the data section that follows the header) plus an optional
 * {@code "__metadata__"} object of string values, then the data section, little-endian.
 *
 * <p>{@link #open} rejects, with a {@link SafetensorsException} naming the file and the tensor
 * or byte offset: a file too short for its header, a header length beyond the file or above
 * 100 MB, JSON that is not an object of well-formed entries, a dtype other than F32/F16/BF16,
 * a byte range that does not match dtype x shape, lies outside the data section (a truncated
 * file) or overlaps another tensor's. Close the file to release the channel.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** Largest header accepted, as in the reference implementation. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    static final String METADATA_KEY = "__metadata__";

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, SafetensorsEntry> entries;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart,
                            Map<String, SafetensorsEntry> entries, Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /**
     * Opens and checks {@code path}.
     *
     * @throws SafetensorsException if the file does not follow the format (see the class comment)
     * @throws IOException if it cannot be read
     */
    public static SafetensorsFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (size < 8) {
                throw new SafetensorsException(path + ": truncated file of " + size
                        + " bytes; expected at least 8 bytes of header length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES) {
                throw new SafetensorsException(path + ": header length " + Long.toUnsignedString(headerLength)
                        + " at byte 0 is not in 1.." + MAX_HEADER_BYTES);
            }
            if (8 + headerLength > size) {
                throw new SafetensorsException(path + ": header length " + headerLength + " at byte 0 runs past the end"
                        + " of the " + size + "-byte file (truncated file?)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            String json = new String(headerBytes.array(), StandardCharsets.UTF_8);
            long dataStart = 8 + headerLength;
            HeaderParser parser = new HeaderParser(path, size - dataStart);
            parser.parse(json);
            return new SafetensorsFile(path, channel, dataStart,
                    Collections.unmodifiableMap(parser.entries), Collections.unmodifiableMap(parser.metadata));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int read = channel.read(into, position + into.position());
            if (read < 0) {
                throw new SafetensorsException("unexpected end of file at byte " + (position + into.position()));
            }
        }
    }

    /** The file this was opened from. */
    public Path path() {
        return path;
    }

    /** Every tensor's header entry, in header order; unmodifiable. */
    public Map<String, SafetensorsEntry> entries() {
        return entries;
    }

    /** The {@code __metadata__} strings (empty if the header has none); unmodifiable. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Whether the file holds a tensor called {@code name}. */
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * Reads tensor {@code name} as floats (F16 and BF16 widened exactly).
     *
     * @throws IllegalArgumentException if the file has no such tensor
     */
    public Tensor read(String name) throws IOException {
        SafetensorsEntry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(path + ": no tensor " + name);
        }
        long count = entry.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new SafetensorsException(path + ": tensor " + name + " has " + count
                    + " elements, more than a Java array holds");
        }
        float[] data = new float[(int) count];
        if (count > 0) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + entry.begin(),
                    entry.end() - entry.begin());
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            switch (entry.dtype()) {
                case F32 -> mapped.asFloatBuffer().get(data);
                case F16 -> {
                    ShortBuffer halves = mapped.asShortBuffer();
                    for (int i = 0; i < data.length; i++) {
                        data[i] = HalfPrecision.halfToFloat(halves.get(i));
                    }
                }
                case BF16 -> {
                    ShortBuffer halves = mapped.asShortBuffer();
                    for (int i = 0; i < data.length; i++) {
                        data[i] = HalfPrecision.bfloat16ToFloat(halves.get(i));
                    }
                }
            }
        }
        return new Tensor(name, entry.shape().clone(), data);
    }

    /** Reads every tensor, in header order. */
    public Map<String, Tensor> readAll() throws IOException {
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (String name : entries.keySet()) {
            all.put(name, read(name));
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Turns the header JSON into checked entries. */
    private static final class HeaderParser {
        private final Path path;
        private final long dataBytes;
        private final Map<String, SafetensorsEntry> entries = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        HeaderParser(Path path, long dataBytes) {
            this.path = path;
            this.dataBytes = dataBytes;
        }

        void parse(String json) throws SafetensorsException {
            JsonElement root;
            try {
                root = JsonParser.parseString(json);
            } catch (JsonParseException e) {
                throw new SafetensorsException(path + ": header is not valid JSON (" + e.getMessage() + ")", e);
            }
            if (!root.isJsonObject()) {
                throw new SafetensorsException(path + ": header must be a JSON object, got " + kind(root));
            }
            for (Map.Entry<String, JsonElement> member : root.getAsJsonObject().entrySet()) {
                if (METADATA_KEY.equals(member.getKey())) {
                    parseMetadata(member.getValue());
                } else {
                    SafetensorsEntry entry = parseEntry(member.getKey(), member.getValue());
                    entries.put(entry.name(), entry);
                }
            }
            checkNoOverlap();
        }

        private void parseMetadata(JsonElement value) throws SafetensorsException {
            if (!value.isJsonObject()) {
                throw new SafetensorsException(path + ": " + METADATA_KEY + " must be an object of strings");
            }
            for (Map.Entry<String, JsonElement> item : value.getAsJsonObject().entrySet()) {
                JsonElement v = item.getValue();
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                    throw new SafetensorsException(path + ": " + METADATA_KEY + "." + item.getKey()
                            + " must be a string, got " + kind(v));
                }
                metadata.put(item.getKey(), v.getAsString());
            }
        }

        private SafetensorsEntry parseEntry(String name, JsonElement value) throws SafetensorsException {
            String where = path + ": tensor " + name;
            if (!value.isJsonObject()) {
                throw new SafetensorsException(where + ": header entry must be an object, got " + kind(value));
            }
            JsonObject object = value.getAsJsonObject();
            JsonElement dtypeCode = object.get("dtype");
            if (dtypeCode == null || !dtypeCode.isJsonPrimitive() || !dtypeCode.getAsJsonPrimitive().isString()) {
                throw new SafetensorsException(where + ": \"dtype\" must be a string");
            }
            SafetensorsDtype dtype;
            try {
                dtype = SafetensorsDtype.parse(dtypeCode.getAsString());
            } catch (IllegalArgumentException e) {
                throw new SafetensorsException(where + ": " + e.getMessage());
            }
            long[] shapeValues = longArray(object, "shape", where, -1);
            long expectedBytes = byteSize(shapeValues, dtype, where);
            int[] shape = new int[shapeValues.length];
            for (int i = 0; i < shape.length; i++) {
                if (shapeValues[i] > Integer.MAX_VALUE) {
                    throw new SafetensorsException(where + ": dimension " + shapeValues[i] + " is too large");
                }
                shape[i] = (int) shapeValues[i];
            }
            long[] offsets = longArray(object, "data_offsets", where, 2);
            long begin = offsets[0];
            long end = offsets[1];
            SafetensorsEntry entry = new SafetensorsEntry(name, dtype, shape, begin, end);
            if (end < begin || end - begin != expectedBytes) {
                throw new SafetensorsException(where + ": data_offsets [" + begin + ", " + end + "] span "
                        + (end - begin) + " bytes, expected " + expectedBytes + " for " + dtype + " "
                        + java.util.Arrays.toString(shape));
            }
            if (end > dataBytes) {
                throw new SafetensorsException(where + ": data ends at byte " + end + " of the data section, but the"
                        + " file holds only " + dataBytes + " data bytes (truncated file?)");
            }
            return entry;
        }

        private static long byteSize(long[] shape, SafetensorsDtype dtype, String where) throws SafetensorsException {
            try {
                long bytes = dtype.bytes();
                for (long dim : shape) {
                    bytes = Math.multiplyExact(bytes, dim);
                }
                return bytes;
            } catch (ArithmeticException e) {
                throw new SafetensorsException(where + ": shape is too large", e);
            }
        }

        private long[] longArray(JsonObject object, String key, String where, int requiredLength)
                throws SafetensorsException {
            JsonElement element = object.get(key);
            if (element == null || !element.isJsonArray()) {
                throw new SafetensorsException(where + ": \"" + key + "\" must be an array of non-negative integers");
            }
            JsonArray array = element.getAsJsonArray();
            if (requiredLength >= 0 && array.size() != requiredLength) {
                throw new SafetensorsException(where + ": \"" + key + "\" must have " + requiredLength
                        + " values, got " + array.size());
            }
            long[] values = new long[array.size()];
            for (int i = 0; i < values.length; i++) {
                JsonElement item = array.get(i);
                long v = item.isJsonPrimitive() && item.getAsJsonPrimitive().isNumber()
                        ? exactLong(item.getAsJsonPrimitive()) : -1;
                if (v < 0) {
                    throw new SafetensorsException(where + ": \"" + key + "\"[" + i + "] must be a non-negative"
                            + " integer, got " + item);
                }
                values[i] = v;
            }
            return values;
        }

        private static long exactLong(JsonPrimitive number) {
            try {
                return number.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException e) {
                return -1;
            }
        }

        private void checkNoOverlap() throws SafetensorsException {
            List<SafetensorsEntry> byOffset = new ArrayList<>(entries.values());
            byOffset.removeIf(e -> e.begin() == e.end());
            byOffset.sort(Comparator.comparingLong(SafetensorsEntry::begin));
            for (int i = 1; i < byOffset.size(); i++) {
                SafetensorsEntry previous = byOffset.get(i - 1);
                SafetensorsEntry current = byOffset.get(i);
                if (current.begin() < previous.end()) {
                    throw new SafetensorsException(path + ": tensor " + current.name() + " data starts at byte "
                            + current.begin() + ", inside tensor " + previous.name() + " (bytes " + previous.begin()
                            + " to " + previous.end() + ")");
                }
            }
        }

        private static String kind(JsonElement element) {
            if (element.isJsonArray()) {
                return "an array";
            }
            if (element.isJsonObject()) {
                return "an object";
            }
            return element.isJsonNull() ? "null" : element.toString();
        }
    }
}
