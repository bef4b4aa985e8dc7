package io.neuroframe.remote;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.onnx.OnnxGraphBuilder;

/**
 * A stand-in world-model step with the interface of {@link WorldStepContract}, as an ONNX graph:
 * the context latent is shifted sideways by the action's camera yaw. With yaw {@code y} in
 * [-1, 1], {@code next = (1 - |y|) * z + max(y, 0) * roll(z, -1) + max(-y, 0) * roll(z, +1)}
 * along the token columns, so a full turn right ({@code y = 1}) moves every token one column to
 * the left ({@code next[.., c] = z[.., c + 1]}, wrapping around). Every other action value is
 * ignored.
 *
 * <p>It is not a world model: it exists so that clients, servers and batching are tested end to
 * end with a predictable answer, and so that a served world step can be tried before the real
 * one is exported.
 */
public final class CameraShiftWorldStep {
    private static final String BATCH = "batch";

    private CameraShiftWorldStep() {
    }

    /** The graph, with a symbolic batch dimension. */
    public static ModelProto build() {
        int channels = LatentContract.CHANNELS;
        int rows = LatentContract.TOKEN_ROWS;
        int cols = LatentContract.TOKEN_COLS;
        OnnxGraphBuilder g = new OnnxGraphBuilder("neuroframe-camera-shift-world-step");
        String z = g.input(WorldStepContract.LATENT, BATCH, channels, rows, cols);
        String action = g.input(WorldStepContract.ACTION, BATCH, OasisAction.SIZE);

        String yaw = g.op("Slice", "yaw", action, g.int64Initializer("yaw_start", OasisAction.CAMERA_YAW),
                g.int64Initializer("yaw_end", OasisAction.CAMERA_YAW + 1), g.int64Initializer("yaw_axis", 1));
        String y = g.op("Reshape", "yaw_4d", yaw, g.int64Initializer("yaw_shape", -1, 1, 1, 1));
        String right = g.op("Relu", "right", y);
        String left = g.op("Relu", "left", g.op("Neg", "neg_yaw", y));
        String keep = g.op("Sub", "keep", g.op("Sub", "one_minus_right", g.scalar("one", 1f), right), left);

        String colAxis = g.int64Initializer("col_axis", 3);
        String first = g.int64Initializer("col_first", 0);
        String second = g.int64Initializer("col_second", 1);
        String last = g.int64Initializer("col_last", cols - 1);
        String end = g.int64Initializer("col_end", cols);
        String tail = g.op("Slice", "tail", z, second, end, colAxis);
        String head = g.op("Slice", "head", z, first, second, colAxis);
        String movedLeft = g.node("Concat", "moved_left", new String[] {tail, head}, "axis", 3);
        String lastCol = g.op("Slice", "last_col", z, last, end, colAxis);
        String rest = g.op("Slice", "rest", z, first, last, colAxis);
        String movedRight = g.node("Concat", "moved_right", new String[] {lastCol, rest}, "axis", 3);

        String sum = g.op("Add", "sum", g.op("Add", "partial",
                g.op("Mul", "kept", keep, z), g.op("Mul", "turned_right", right, movedLeft)),
                g.op("Mul", "turned_left", left, movedRight));
        g.output(sum, WorldStepContract.NEXT_LATENT, BATCH, channels, rows, cols);
        return g.build("neuroframe", "Stand-in world step: shifts the latent sideways by the action's camera yaw.");
    }
}
