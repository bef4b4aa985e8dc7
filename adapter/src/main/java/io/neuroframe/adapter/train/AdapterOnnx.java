package io.neuroframe.adapter.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.adapter.ChannelAffineAdapter;
import io.neuroframe.adapter.LowRankAdapter;
import io.neuroframe.adapter.ReadoutWeights;
import io.neuroframe.adapter.TokenMapAdapter;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.onnx.OnnxContract;
import io.neuroframe.codec.onnx.OnnxGraphBuilder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtSessions;
import io.neuroframe.codec.onnx.PinnedSession;
import io.neuroframe.codec.weights.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A trained adapter as a small ONNX graph for the frame path: input {@value OnnxContract#LATENT}
 * {@code (batch, 576, 16)}, output {@value #OUTPUT} of the same shape, both scaled latents.
 *
 * <p>Reservoir conditions carry the readout folded into the reservoir ({@link AdapterModel#foldedReadout()},
 * {@code 576 x levels*576}) and compute the stimulation weights in the graph: with the masked latent z (tokens
 * outside the region and unselected channels zeroed), current {@code I = Imax * min(1, |z| / saturation[channel])};
 * level l's interpolation weight is the hat function
 * {@code clip((I - I[l-1]) / (I[l] - I[l-1]), 0, 1) - clip((I - I[l]) / (I[l+1] - I[l]), 0, 1)} (I[-1] = 0;
 * the last level keeps the first term only), times sign(z) in the signed mode; then
 * {@code out = z + gate * F @ U}. The low-rank control is two MatMuls on the flattened latent, the token map one
 * MatMul {@code M @ z}, the affine map a Mul and an Add per channel; identity is an
 * Identity node. ONNX values are single-assignment, so the output cannot share the input's name.
 */
public final class AdapterOnnx {

    /** Name of the graph output. */
    public static final String OUTPUT = "adapted_latent";

    private AdapterOnnx() {
    }

    /** Writes {@code model}'s current state as an ONNX model to {@code file} (atomically). */
    public static void write(AdapterModel model, Path file) throws IOException {
        ModelProto proto = build(model);
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                proto.writeTo(out);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static ModelProto build(AdapterModel model) {
        if (!model.condition().hasFramePath()) {
            throw new IllegalArgumentException(model.description() + ": " + model.condition().id()
                    + " has no frame-path form to export");
        }
        OnnxGraphBuilder g = new OnnxGraphBuilder("neuroframe-adapter");
        String z = g.input(OnnxContract.LATENT, OnnxContract.BATCH_DIM, LatentContract.TOKENS, LatentContract.CHANNELS);
        Map<String, Tensor> trained = model.frameTensors();
        String out = switch (model.condition()) {
            case IDENTITY -> g.op("Identity", "identity", z);
            case LOW_RANK -> lowRank(g, z, trained);
            case TOKEN_MAP -> g.op("Add", "adapted", z, g.op("Mul", "gated", g.op("MatMul", "delta",
                    g.floatInitializer("token_map", new long[] {LatentContract.TOKENS, LatentContract.TOKENS},
                            trained.get(TokenMapAdapter.MAP_NAME).data()), z), gate(g, trained)));
            case CHANNEL_AFFINE -> g.op("Add", "adapted", z, g.op("Mul", "gated", g.op("Add", "affine",
                    g.op("Mul", "scaled", z, channelVector(g, "scale", trained.get(ChannelAffineAdapter.SCALE_NAME))),
                    channelVector(g, "shift", trained.get(ChannelAffineAdapter.SHIFT_NAME))), gate(g, trained)));
            default -> reservoir(g, z, model, trained.get(ReadoutWeights.GATE_NAME).data()[0]);
        };
        g.output(out, OUTPUT, OnnxContract.BATCH_DIM, LatentContract.TOKENS, LatentContract.CHANNELS);
        return g.build("neuroframe", model.description());
    }

    private static String gate(OnnxGraphBuilder g, Map<String, Tensor> trained) {
        return g.scalar("gate", trained.get(ReadoutWeights.GATE_NAME).data()[0]);
    }

    private static String channelVector(OnnxGraphBuilder g, String name, Tensor values) {
        return g.floatInitializer(name, new long[] {LatentContract.CHANNELS}, values.data());
    }

    private static String lowRank(OnnxGraphBuilder g, String z, Map<String, Tensor> trained) {
        int n = LatentContract.LATENT_FLOATS;
        int rank = LowRankAdapter.RANK;
        String flat = g.op("Reshape", "flat", z, g.int64Initializer("flat_shape", -1, n));
        String downT = g.floatInitializer("down_t", new long[] {n, rank},
                transpose(trained.get(LowRankAdapter.DOWN_NAME).data(), rank, n));
        String upT = g.floatInitializer("up_t", new long[] {rank, n},
                transpose(trained.get(LowRankAdapter.UP_NAME).data(), n, rank));
        String delta = g.op("MatMul", "delta", g.op("MatMul", "hidden", flat, downT), upT);
        String gated = g.op("Mul", "gated", delta, g.scalar("gate", trained.get(ReadoutWeights.GATE_NAME).data()[0]));
        String shaped = g.op("Reshape", "delta_tokens", gated,
                g.int64Initializer("latent_shape", -1, LatentContract.TOKENS, LatentContract.CHANNELS));
        return g.op("Add", "adapted", z, shaped);
    }

    private static String reservoir(OnnxGraphBuilder g, String z, AdapterModel model, float gate) {
        StimulationEncoding encoding = model.encoding();
        float[] levels = model.currentReservoir().currentLevelsUa();
        float[] mask = new float[LatentContract.LATENT_FLOATS];
        for (int token : encoding.activeTokens()) {
            for (int c : encoding.channels()) {
                mask[token * LatentContract.CHANNELS + c] = 1f;
            }
        }
        String masked = g.op("Mul", "masked", z, g.floatInitializer("mask",
                new long[] {LatentContract.TOKENS, LatentContract.CHANNELS}, mask));
        float[] saturation = new float[LatentContract.CHANNELS];
        for (int c = 0; c < saturation.length; c++) {
            saturation[c] = encoding.saturationLatent(c);
        }
        String ratio = g.op("Div", "ratio", g.op("Abs", "magnitude", masked),
                g.floatInitializer("saturation", new long[] {LatentContract.CHANNELS}, saturation));
        String current = g.op("Mul", "current", g.op("Min", "clipped", ratio, g.scalar("one", 1f)),
                g.scalar("max_current", encoding.maxCurrentUa()));
        String sign = encoding.signMode() == StimulationEncoding.SignMode.SIGNED ? g.op("Sign", "sign", masked) : null;
        String zero = g.scalar("zero", 0f);
        String unit = g.scalar("unit", 1f);
        String[] perLevel = new String[levels.length];
        for (int l = 0; l < levels.length; l++) {
            float low = l == 0 ? 0f : levels[l - 1];
            String weight = ramp(g, current, low, levels[l], zero, unit, "rise" + l);
            if (l + 1 < levels.length) {
                weight = g.op("Sub", "hat" + l, weight, ramp(g, current, levels[l], levels[l + 1], zero, unit,
                        "fall" + l));
            }
            perLevel[l] = sign == null ? weight : g.op("Mul", "signed" + l, weight, sign);
        }
        String stimulation = levels.length == 1 ? perLevel[0]
                : g.node("Concat", "stimulation", perLevel, "axis", 1L);
        String folded = g.floatInitializer("folded_readout",
                new long[] {LatentContract.TOKENS, (long) levels.length * LatentContract.TOKENS}, model.foldedReadout());
        String delta = g.op("MatMul", "delta", folded, stimulation);
        return g.op("Add", "adapted", z, g.op("Mul", "gated", delta, g.scalar("gate", gate)));
    }

    /** {@code clip((x - from) / (to - from), 0, 1)}. */
    private static String ramp(OnnxGraphBuilder g, String x, float from, float to, String zero, String unit,
            String name) {
        String shifted = g.op("Sub", name + "_shift", x, g.scalar(name + "_from", from));
        String scaled = g.op("Mul", name + "_scale", shifted, g.scalar(name + "_inv_width", 1f / (to - from)));
        return g.op("Clip", name, scaled, zero, unit);
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    /**
     * Loads an exported adapter graph into an ONNX Runtime session.
     *
     * @throws IllegalArgumentException if the file is missing or not a model ONNX Runtime can load
     */
    public static LatentAdapter load(Path file, OrtOptions options) {
        return new OrtLatentAdapter(file, options);
    }

    /** The frame-path adapter backed by an ONNX Runtime session with pinned batch-1 buffers. */
    private static final class OrtLatentAdapter implements LatentAdapter {
        private static final long[] SHAPE = {1, LatentContract.TOKENS, LatentContract.CHANNELS};

        private final PinnedSession session;
        private final String description;

        OrtLatentAdapter(Path file, OrtOptions options) {
            OrtSessions.Opened opened = OrtSessions.open(file, options);
            this.description = "onnx " + file.getFileName();
            try {
                requireContract(opened, file);
                this.session = new PinnedSession(opened, OnnxContract.LATENT, SHAPE, OUTPUT, SHAPE, false);
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }

        /** Checks the graph's input and output names, so a wrong model fails here and not on the frame path. */
        private static void requireContract(OrtSessions.Opened opened, Path file) {
            java.util.Set<String> inputs = opened.session().getInputNames();
            java.util.Set<String> outputs = opened.session().getOutputNames();
            if (!inputs.equals(java.util.Set.of(OnnxContract.LATENT)) || !outputs.contains(OUTPUT)) {
                throw new IllegalArgumentException(file + " is not an exported adapter: expected input '"
                        + OnnxContract.LATENT + "' and output '" + OUTPUT + "', got inputs " + inputs
                        + " and outputs " + outputs);
            }
        }

        @Override
        public void apply(FloatBuffer input, FloatBuffer output) {
            session.run(input, output);
        }

        @Override
        public String describe() {
            return description;
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
