package io.neuroframe.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.neuroframe.codec.safetensors.HalfPrecision;
import io.neuroframe.remote.RemoteResponseException.Reason;
import io.neuroframe.remote.protocol.InferTensorContents;
import io.neuroframe.remote.protocol.ModelInferResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class OipTensorsTest {
    private static final long[] SHAPE = {1, 2, 3};
    private static final float[] VALUES = {0.5f, -1.25f, 2f, 0f, 3.75f, -0.125f};

    private static ModelInferResponse.InferOutputTensor.Builder tensor(String name, String datatype, long... shape) {
        ModelInferResponse.InferOutputTensor.Builder t = ModelInferResponse.InferOutputTensor.newBuilder()
                .setName(name).setDatatype(datatype);
        for (long d : shape) {
            t.addShape(d);
        }
        return t;
    }

    private static ModelInferResponse raw(String datatype, ByteString bytes, long... shape) {
        return ModelInferResponse.newBuilder()
                .addOutputs(tensor("other", OipTensors.FP32, 1)).addRawOutputContents(OipTensors.rawFloats(new float[1], 0, 1))
                .addOutputs(tensor("out", datatype, shape)).addRawOutputContents(bytes)
                .build();
    }

    private static float[] read(ModelInferResponse response) {
        float[] dst = new float[VALUES.length];
        OipTensors.readFloats(response, "m", "out", SHAPE, dst);
        return dst;
    }

    @Test
    void readsRawFp32RawFp16AndTypedContentsByOutputName() {
        assertArrayEquals(VALUES, read(raw(OipTensors.FP32, OipTensors.rawFloats(VALUES, 0, VALUES.length), SHAPE)));

        ByteBuffer half = ByteBuffer.allocate(VALUES.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : VALUES) {
            half.putShort(HalfPrecision.floatToHalf(v));
        }
        assertArrayEquals(VALUES, read(raw(OipTensors.FP16, ByteString.copyFrom(half.flip()), SHAPE)),
                "these values are exact in half precision");

        InferTensorContents.Builder typed = InferTensorContents.newBuilder();
        for (float v : VALUES) {
            typed.addFp32Contents(v);
        }
        ModelInferResponse response = ModelInferResponse.newBuilder()
                .addOutputs(tensor("out", OipTensors.FP32, SHAPE).setContents(typed)).build();
        assertArrayEquals(VALUES, read(response));
    }

    @Test
    void rejectsEachWayAnOutputCanBeWrongWithTheModelAndTensorNamed() {
        ByteString good = OipTensors.rawFloats(VALUES, 0, VALUES.length);
        assertRejected(Reason.MISSING_OUTPUT, ModelInferResponse.getDefaultInstance(), "output 'out' is missing");
        assertRejected(Reason.WRONG_DATATYPE, raw("INT32", good, SHAPE), "datatype INT32");
        assertRejected(Reason.WRONG_SHAPE, raw(OipTensors.FP32, good, 1, 3, 2), "shape [1, 3, 2], expected [1, 2, 3]");
        assertRejected(Reason.WRONG_SIZE, raw(OipTensors.FP32, good.substring(4), SHAPE), "20 bytes of FP32, expected 24");
        float[] withInfinity = VALUES.clone();
        withInfinity[4] = Float.POSITIVE_INFINITY;
        assertRejected(Reason.NOT_FINITE, raw(OipTensors.FP32, OipTensors.rawFloats(withInfinity, 0, 6), SHAPE),
                "value Infinity at flat index 4");
    }

    private static void assertRejected(Reason reason, ModelInferResponse response, String detail) {
        RemoteResponseException e = assertThrows(RemoteResponseException.class, () -> read(response));
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().startsWith("model 'm' output 'out'"), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    @Test
    void configurationErrorsNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RemoteConfig.plaintext("no-port"))
                .getMessage().contains("host:port"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RemoteConfig.plaintext("h:1").withBearerToken("two words")).getMessage().contains("bearerToken"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RemoteConfig.plaintext("h:1").withDeadline(java.time.Duration.ZERO)).getMessage().contains("deadline"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RemoteConfig.plaintext("h:1")
                .withBackoff(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(1))).getMessage().contains("backoffMax"));
        assertEquals("grpcs://h:1/world-step", RemoteConfig.tls("h:1", null).describe("world-step"));
    }
}
