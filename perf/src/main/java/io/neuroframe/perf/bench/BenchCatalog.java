package io.neuroframe.perf.bench;

import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.world.model.DitTensorLayout;
import io.neuroframe.world.model.WorldModelConfig;
import java.util.Locale;
import java.util.function.Function;

/**
 * What each benchmark method measures, for the report: its stage, backend, configuration and the
 * FLOPs of one operation where the stage is a model or a matrix multiply.
 */
final class BenchCatalog {

    /**
     * One benchmark method with its parameters, described.
     *
     * @param stage the frame stage, e.g. {@code decode}
     * @param backend what runs it, e.g. {@code onnx}
     * @param config preset or variant, e.g. {@code nf-small}
     * @param flops floating-point operations of one call, or 0 when not counted
     * @param order position in the table
     */
    record Entry(String stage, String backend, String config, long flops, int order) {
    }

    private BenchCatalog() {
    }

    /**
     * Describes {@code benchmark} (JMH's full method name) with parameter lookup {@code param}.
     *
     * @throws IllegalArgumentException for a benchmark this catalog does not know
     */
    static Entry describe(String benchmark, Function<String, String> param) {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
        String type = owner.substring(owner.lastIndexOf('.') + 1);
        return switch (type) {
            case "JavaGemmBenchmark" -> gemm("java", Integer.parseInt(param.apply("size")), 0);
            case "OrtGemmBenchmark" -> gemm("onnx", Integer.parseInt(param.apply("size")), 1);
            case "DecodeBenchmark" -> codec("decode", param.apply("backend"), param.apply("preset"), 10);
            case "Int8DecodeBenchmark" -> codec("decode", "onnx int8", param.apply("preset"), 10);
            case "OasisDecodeBenchmark" -> codec("decode", "onnx", VitVaeConfig.OASIS_VIT_L_20.name(), 12);
            case "ReferenceCodecBenchmark" -> codec(method, "reference", param.apply("preset"),
                    method.equals("decode") ? 11 : 21);
            case "ReferenceConvDecodeBenchmark" -> codec("decode", "reference", param.apply("preset"), 11);
            case "EncodeBenchmark" -> codec("encode", param.apply("backend"), param.apply("preset"), 20);
            case "AdapterBenchmark" -> new Entry("adapter", param.apply("backend"), param.apply("condition"), 0,
                    param.apply("backend").equals("java") ? 30 : 31);
            case "RgbaPackBenchmark" -> new Entry(method, "java", variant(param.apply("rowOrder")), 0,
                    method.equals("pack") ? 40 : 41);
            case "TextureUploadBenchmark" -> new Entry("upload", "jme gl", "640x360-rgba8", 0, 45);
            case "UpscaleBenchmark" -> new Entry("upscale", "java cpu", variant(param.apply("upscaler")), 0, 50);
            case "PipelineStepBenchmark" -> new Entry("source+decode+pack", "onnx", param.apply("preset"),
                    VitVaeLayout.of(VitVaeConfig.preset(param.apply("preset"))).decodeFlops(), 60);
            case "WorldStepBenchmark" -> new Entry("world step", param.apply("backend"), param.apply("preset"),
                    worldStepFlops(param.apply("preset")), 70);
            case "DreamFrameBenchmark" -> dreamFrame(param.apply("world"), param.apply("codec"),
                    Float.parseFloat(param.apply("actionGuidance")));
            default -> throw new IllegalArgumentException("no catalog entry for benchmark " + benchmark);
        };
    }

    /** An enum constant as a table label, e.g. {@code BOTTOM_UP} as {@code bottom-up}. */
    private static String variant(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** FLOPs of one direct world step over a full context window. */
    private static long worldStepFlops(String preset) {
        WorldModelConfig config = WorldModelConfig.preset(preset);
        return DitTensorLayout.flopsPerForward(config, config.contextFrames());
    }

    /** A dream frame: one world step (two when guided, {@code ActionGuidedStepper}), a decode and a pack. */
    private static Entry dreamFrame(String world, String codec, float actionGuidance) {
        int predictions = actionGuidance == 1f ? 1 : 2;
        return new Entry("world step+decode+pack", "onnx", world + " + " + codec + ", guidance " + actionGuidance,
                predictions * worldStepFlops(world) + VitVaeLayout.of(VitVaeConfig.preset(codec)).decodeFlops(), 71);
    }

    private static Entry gemm(String backend, int n, int order) {
        return new Entry("calibration gemm", backend, n + "x" + n, 2L * n * n * n, order);
    }

    private static Entry codec(String stage, String backend, String preset, int order) {
        for (ConvDecoderConfig conv : ConvDecoderConfig.PRESETS) {
            if (conv.name().equals(preset)) {
                return new Entry(stage, backend, preset, conv.flops(), order);
            }
        }
        VitVaeLayout layout = VitVaeLayout.of(VitVaeConfig.preset(preset));
        long flops = stage.equals("decode") ? layout.decodeFlops() : layout.encodeFlops();
        return new Entry(stage, backend, preset, flops, order);
    }
}
