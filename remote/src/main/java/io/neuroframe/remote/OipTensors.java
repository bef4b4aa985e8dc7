package io.neuroframe.remote;

import com.google.protobuf.ByteString;
import io.neuroframe.codec.safetensors.HalfPrecision;
import io.neuroframe.remote.RemoteResponseException.Reason;
import io.neuroframe.remote.protocol.InferTensorContents;
import io.neuroframe.remote.protocol.ModelInferRequest;
import io.neuroframe.remote.protocol.ModelInferResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Tensors in Open Inference Protocol messages: float32 inputs as raw little-endian bytes, and the
 * checked reading of float outputs (raw FP32 or FP16, or typed {@code fp32_contents}).
 */
public final class OipTensors {
    /** The protocol's datatype string of float32 tensors. */
    public static final String FP32 = "FP32";
    /** The protocol's datatype string of float16 tensors. */
    public static final String FP16 = "FP16";
    /** The protocol's datatype string of uint8 tensors. */
    public static final String UINT8 = "UINT8";

    private OipTensors() {
    }

    /** An FP32 input tensor's description (its data goes to {@code raw_input_contents}). */
    public static ModelInferRequest.InferInputTensor fp32Input(String name, long... shape) {
        ModelInferRequest.InferInputTensor.Builder tensor = ModelInferRequest.InferInputTensor.newBuilder()
                .setName(name).setDatatype(FP32);
        for (long d : shape) {
            tensor.addShape(d);
        }
        return tensor.build();
    }

    /** {@code count} floats of {@code values} from {@code offset} as little-endian bytes. */
    public static ByteString rawFloats(float[] values, int offset, int count) {
        ByteBuffer bytes = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values, offset, count);
        return ByteString.copyFrom(bytes);
    }

    /**
     * Reads output {@code name} of {@code response} into {@code dst} after checking it: datatype
     * FP32 or FP16, exactly {@code shape}, the byte count that shape needs, every value finite.
     *
     * @param model the model's name, for messages
     * @throws RemoteResponseException naming the model, the tensor and the first problem
     */
    public static void readFloats(ModelInferResponse response, String model, String name, long[] shape, float[] dst) {
        int index = -1;
        for (int i = 0; i < response.getOutputsCount(); i++) {
            if (response.getOutputs(i).getName().equals(name)) {
                index = i;
                break;
            }
        }
        String where = "model '" + model + "' output '" + name + "'";
        if (index < 0) {
            throw new RemoteResponseException(Reason.MISSING_OUTPUT, where + " is missing from the response (outputs: "
                    + response.getOutputsList().stream().map(ModelInferResponse.InferOutputTensor::getName).toList() + ")");
        }
        ModelInferResponse.InferOutputTensor tensor = response.getOutputs(index);
        String datatype = tensor.getDatatype();
        if (!FP32.equals(datatype) && !FP16.equals(datatype)) {
            throw new RemoteResponseException(Reason.WRONG_DATATYPE, where + " has datatype " + datatype
                    + ", expected FP32 or FP16");
        }
        long[] actual = tensor.getShapeList().stream().mapToLong(Long::longValue).toArray();
        if (!Arrays.equals(actual, shape)) {
            throw new RemoteResponseException(Reason.WRONG_SHAPE, where + " has shape " + Arrays.toString(actual)
                    + ", expected " + Arrays.toString(shape));
        }
        int count = dst.length;
        if (response.getRawOutputContentsCount() > 0) {
            if (index >= response.getRawOutputContentsCount()) {
                throw new RemoteResponseException(Reason.WRONG_SIZE, where + ": the response has raw data for "
                        + response.getRawOutputContentsCount() + " outputs, not for output " + index);
            }
            ByteBuffer raw = response.getRawOutputContents(index).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int bytesPer = FP32.equals(datatype) ? Float.BYTES : Short.BYTES;
            if (raw.remaining() != count * bytesPer) {
                throw new RemoteResponseException(Reason.WRONG_SIZE, where + " has " + raw.remaining() + " bytes of "
                        + datatype + ", expected " + count * bytesPer + " (" + count + " values)");
            }
            if (bytesPer == Float.BYTES) {
                raw.asFloatBuffer().get(dst);
            } else {
                for (int i = 0; i < count; i++) {
                    dst[i] = HalfPrecision.halfToFloat(raw.getShort());
                }
            }
        } else {
            InferTensorContents contents = tensor.getContents();
            if (!FP32.equals(datatype) || contents.getFp32ContentsCount() != count) {
                throw new RemoteResponseException(Reason.WRONG_SIZE, where + " has " + contents.getFp32ContentsCount()
                        + " typed fp32 values and no raw data, expected " + count + " values");
            }
            for (int i = 0; i < count; i++) {
                dst[i] = contents.getFp32Contents(i);
            }
        }
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(dst[i])) {
                throw new RemoteResponseException(Reason.NOT_FINITE, where + " value " + dst[i] + " at flat index " + i
                        + " is not finite");
            }
        }
    }
}
