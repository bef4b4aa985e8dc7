package io.neuroframe.codec.safetensors;

import io.neuroframe.codec.weights.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    private static final Tensor MATRIX = new Tensor("layer.weight", new int[] {2, 3},
            new float[] {0f, 1f, -2.5f, 0.1f, 1e-6f, 3000.25f});
    private static final Tensor VECTOR = new Tensor("layer.bias", new int[] {3}, new float[] {-1f, 0.5f, 65504f});

    @Test
    void roundTripsFloat32Exactly() throws IOException {
        Path file = write(SafetensorsDtype.F32);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertEquals(List.of("layer.weight", "layer.bias"), List.copyOf(read.entries().keySet()));
            assertArrayEquals(MATRIX.data(), read.read("layer.weight").data());
            assertArrayEquals(new int[] {2, 3}, read.read("layer.weight").shape());
            assertArrayEquals(VECTOR.data(), read.read("layer.bias").data());
            assertEquals(Map.of("purpose", "test"), read.metadata());
            assertEquals(SafetensorsDtype.F32, read.entries().get("layer.bias").dtype());
        }
    }

    @Test
    void aMissingFolderIsCreated() throws IOException {
        Path file = dir.resolve("not").resolve("there").resolve("tensors.safetensors");
        SafetensorsWriter.write(file, List.of(VECTOR), Map.of(), SafetensorsDtype.F32);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertArrayEquals(VECTOR.data(), read.read("layer.bias").data());
        }
    }

    @Test
    void roundTripsHalfPrecisionToTheNearestHalf() throws IOException {
        Path file = write(SafetensorsDtype.F16);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            float[] data = read.read("layer.weight").data();
            for (int i = 0; i < data.length; i++) {
                float expected = HalfPrecision.halfToFloat(HalfPrecision.floatToHalf(MATRIX.data()[i]));
                assertEquals(expected, data[i]);
                assertEquals(MATRIX.data()[i], data[i], Math.abs(MATRIX.data()[i]) * 1e-3f + 1e-7f);
            }
            assertEquals(65504f, read.read("layer.bias").data()[2]);
            assertEquals(SafetensorsDtype.F16, read.entries().get("layer.weight").dtype());
        }
    }

    @Test
    void roundTripsBfloat16ToTheNearestBfloat16() throws IOException {
        Path file = write(SafetensorsDtype.BF16);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            float[] data = read.read("layer.weight").data();
            for (int i = 0; i < data.length; i++) {
                assertEquals(HalfPrecision.bfloat16ToFloat(HalfPrecision.floatToBfloat16(MATRIX.data()[i])), data[i]);
                assertEquals(MATRIX.data()[i], data[i], Math.abs(MATRIX.data()[i]) * 1e-2f);
            }
        }
    }

    @Test
    void writesAnAlignedHeaderAndContiguousData() throws IOException {
        Path file = write(SafetensorsDtype.F16);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong(0);
        assertEquals(0, headerLength % 8);
        assertEquals(8 + headerLength + (6 + 3) * 2, bytes.capacity());
        String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"layer.bias\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[12,18]}"), header);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void refusesToWriteValuesOutsideHalfRange() {
        Tensor big = new Tensor("big", new int[] {2}, new float[] {1f, 70000f});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                SafetensorsWriter.write(dir.resolve("x.safetensors"), List.of(big), Map.of(), SafetensorsDtype.F16));
        assertTrue(e.getMessage().contains("big") && e.getMessage().contains("flat index 1"), e.getMessage());
    }

    @Test
    void rejectsAFileTooShortForItsHeaderLength() throws IOException {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertMessage(file, "truncated file of 3 bytes");
    }

    @Test
    void rejectsAHeaderLengthPastTheEndOfTheFile() throws IOException {
        Path file = raw("{}", 1000, new byte[0]);
        assertMessage(file, "header length 1000 at byte 0 runs past the end");
    }

    @Test
    void rejectsAnAbsurdHeaderLength() throws IOException {
        Path file = raw("{}", -5, new byte[0]);
        assertMessage(file, "header length 18446744073709551611 at byte 0");
    }

    @Test
    void rejectsInvalidJson() throws IOException {
        assertMessage(raw("{\"a\": {\"dtype\": \"F32\",", new byte[0]), "header is not valid JSON");
        assertMessage(raw("[1, 2]", new byte[0]), "header must be a JSON object");
    }

    @Test
    void rejectsUnsupportedDtypesNamingTheTensor() throws IOException {
        Path file = raw("{\"step\": {\"dtype\": \"I64\", \"shape\": [1], \"data_offsets\": [0, 8]}}", new byte[8]);
        assertMessage(file, "tensor step: unsupported dtype I64 (supported: F32, F16, BF16)");
    }

    @Test
    void rejectsOffsetsThatDisagreeWithTheShape() throws IOException {
        Path file = raw("{\"w\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [0, 12]}}", new byte[16]);
        assertMessage(file, "tensor w: data_offsets [0, 12] span 12 bytes, expected 16 for F32 [2, 2]");
    }

    @Test
    void rejectsDataPastTheEndOfATruncatedFile() throws IOException {
        Path file = raw("{\"w\": {\"dtype\": \"F16\", \"shape\": [8], \"data_offsets\": [0, 16]}}", new byte[10]);
        assertMessage(file, "tensor w: data ends at byte 16 of the data section, but the file holds only 10 data bytes");
    }

    @Test
    void rejectsOverlappingTensors() throws IOException {
        Path file = raw("{\"a\": {\"dtype\": \"F32\", \"shape\": [4], \"data_offsets\": [0, 16]},"
                + " \"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [8, 16]}}", new byte[16]);
        assertMessage(file, "tensor b data starts at byte 8, inside tensor a (bytes 0 to 16)");
    }

    @Test
    void rejectsMalformedEntries() throws IOException {
        assertMessage(raw("{\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 0]}}", new byte[0]),
                "tensor w: \"shape\"[0] must be a non-negative integer");
        assertMessage(raw("{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}", new byte[4]),
                "tensor w: \"data_offsets\" must be an array");
        assertMessage(raw("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0]}}", new byte[4]),
                "tensor w: \"data_offsets\" must have 2 values");
        assertMessage(raw("{\"__metadata__\": {\"n\": 3}}", new byte[0]), "__metadata__.n must be a string");
    }

    @Test
    void readsAHandMadeFileWithPaddingAndEmptyTensor() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort(HalfPrecision.floatToHalf(1.5f)).putShort(HalfPrecision.floatToHalf(-2f));
        data.putShort((short) 0x3fc0).putShort((short) 0xbf80); // bf16 1.5, -1
        Path file = raw("{\"h\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]},"
                + "\"b\": {\"dtype\": \"BF16\", \"shape\": [1, 2], \"data_offsets\": [4, 8]},"
                + "\"e\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [8, 8]}}   ", data.array());
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[] {1.5f, -2f}, read.read("h").data());
            assertArrayEquals(new float[] {1.5f, -1f}, read.read("b").data());
            assertEquals(0, read.read("e").data().length);
            assertTrue(read.metadata().isEmpty());
            assertFalse(read.contains("missing"));
            assertThrows(IllegalArgumentException.class, () -> read.read("missing"));
        }
    }

    private Path write(SafetensorsDtype dtype) throws IOException {
        Path file = dir.resolve("t.safetensors");
        SafetensorsWriter.write(file, List.of(MATRIX, VECTOR), Map.of("purpose", "test"), dtype);
        return file;
    }

    private Path raw(String header, byte[] data) throws IOException {
        return raw(header, header.getBytes(StandardCharsets.UTF_8).length, data);
    }

    private Path raw(String header, long declaredLength, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(declaredLength).put(json).put(data);
        Path file = Files.createTempFile(dir, "raw", ".safetensors");
        Files.write(file, bytes.array());
        return file;
    }

    private static void assertMessage(Path file, String expected) {
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(file).close());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }
}
