package io.neuroframe.perf.profile;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.data.CalibrationLatents;
import io.neuroframe.codec.onnx.ConvDecoderOnnxExporter;
import io.neuroframe.codec.onnx.DynamicInt8Quantizer;
import io.neuroframe.codec.onnx.OnnxContract;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtSessions;
import io.neuroframe.codec.onnx.PinnedSession;
import io.neuroframe.codec.onnx.StaticInt8Quantizer;
import io.neuroframe.codec.onnx.VitVaeOnnxExporter;
import io.neuroframe.perf.bench.FrameBuffers;
import io.neuroframe.perf.bench.ToolArguments;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Where a decode's time goes inside ONNX Runtime: runs a decoder's graph, built exactly as the
 * codec builds it and on the codec's session options, with ONNX Runtime's profiler on, and prints
 * the kernel time per operator type (share of the kernels' total, and of the whole run: the rest
 * is the executor between kernels), the run's wall time, and the operators of the graph ONNX
 * Runtime optimized (which fusions fired). The model as exported, the profile JSON and the
 * optimized model stay in the output folder.
 *
 * <pre>
 * DecodeProfile [--preset nf-small|nf-tiny] [--weights FILE] [--model FILE] [--int8 [--data DIR --codec FILE]]
 *               [--runs N] [--warmup N] [--threads T] [--out DIR]
 *   --weights  trained weights (default: random weights of the preset's shapes; the cost does not depend on them)
 *   --model    an ONNX decoder file of the preset to profile instead of the codec's export (e.g. an int8 variant)
 *   --int8     the decoder's int8 form: ViT-VAE decoders as DynamicInt8Quantizer makes it; convolutional ones
 *              (nf-tiny) as StaticInt8Quantizer makes it, calibrated on the --codec encoder's latents of
 *              training frames of the dataset in --data (CalibrationLatents)
 *   --threads  intra-op threads (default: the codec's, one per core)
 *   --out      folder for the profile JSON and the optimized model (default perf/results/profile)
 * </pre>
 * Started by {@code ./neuroframe bench --profile [options]}.
 */
public final class DecodeProfile {
    private static final String USAGE = "usage: neuroframe bench --profile [--preset nf-small|nf-tiny] [--weights FILE] [--model FILE]"
            + " [--int8 [--data DIR --codec FILE]] [--runs N] [--warmup N] [--threads T] [--out DIR]"
            + " (--int8 of nf-tiny needs --data and --codec to calibrate on training frames)";

    private DecodeProfile() {
    }

    public static void main(String[] args) throws IOException {
        String preset = "nf-small";
        Path weightsFile = null;
        Path modelFile = null;
        boolean int8 = false;
        Path data = null;
        Path codec = null;
        int runs = 200;
        int warmup = 20;
        OrtOptions options = OrtOptions.defaults();
        Path out = Path.of("perf", "results", "profile");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--preset" -> preset = ToolArguments.value(args, ++i, USAGE);
                case "--weights" -> weightsFile = Path.of(ToolArguments.value(args, ++i, USAGE));
                case "--model" -> modelFile = Path.of(ToolArguments.value(args, ++i, USAGE));
                case "--int8" -> int8 = true;
                case "--data" -> data = Path.of(ToolArguments.value(args, ++i, USAGE));
                case "--codec" -> codec = Path.of(ToolArguments.value(args, ++i, USAGE));
                case "--runs" -> runs = ToolArguments.positive(args, ++i, USAGE);
                case "--warmup" -> warmup = ToolArguments.positive(args, ++i, USAGE);
                case "--threads" -> options = options.withIntraOpThreads(ToolArguments.positive(args, ++i, USAGE));
                case "--out" -> out = Path.of(ToolArguments.value(args, ++i, USAGE));
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + USAGE);
            }
        }
        Files.createDirectories(out);
        Decoder decoder = decoder(preset, weightsFile);
        String stem = preset + (weightsFile == null ? "-random" : "");
        if (modelFile != null) {
            decoder = new Decoder(ModelProto.parseFrom(Files.readAllBytes(modelFile)), decoder.flops());
            stem = modelFile.getFileName().toString().replaceFirst("\\.onnx$", "");
        }
        if (int8) {
            decoder = new Decoder(int8(decoder.model(), stem, options, data, codec), decoder.flops());
            stem += "-int8";
        }
        Path exported = out.resolve(stem + ".onnx");
        VitVaeOnnxExporter.write(decoder.model(), exported);
        Path optimized = out.resolve(stem + "-optimized.onnx");
        String profilePrefix = out.resolve(stem + "-profile").toString();
        double[] wall = new double[runs];
        String profileFile;
        OrtSessions.Opened opened = OrtSessions.open(decoder.model().toByteArray(), preset + " decoder", options, o -> {
            o.setOptimizedModelFilePath(optimized.toString());
            o.enableProfiling(profilePrefix);
        });
        // the pinned session closes the opened one
        try (PinnedSession session = new PinnedSession(opened, OnnxContract.LATENT,
                     new long[] {1, LatentContract.TOKENS, LatentContract.CHANNELS}, OnnxContract.IMAGE,
                     new long[] {1, LatentContract.IMAGE_CHANNELS, LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH},
                     false)) {
            FloatBuffer latent = FrameBuffers.latent(2);
            FloatBuffer image = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
            for (int i = 0; i < warmup; i++) {
                session.run(latent, image);
            }
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                session.run(latent, image);
                wall[i] = (System.nanoTime() - start) / 1e6;
            }
            profileFile = endProfiling(opened);
        }
        OpProfile profile = OpProfile.read(Path.of(profileFile), warmup);
        print(System.out, preset, weightsFile, options, decoder.flops(), wall, profile, GraphOps.count(optimized));
        System.out.println("model: " + exported);
        System.out.println("profile: " + profileFile);
        System.out.println("optimized model: " + optimized);
    }

    /** A decoder graph and the FLOPs of one decode. */
    private record Decoder(ModelProto model, long flops) {
    }

    private static Decoder decoder(String preset, Path weightsFile) throws IOException {
        for (ConvDecoderConfig conv : ConvDecoderConfig.PRESETS) {
            if (conv.name().equals(preset)) {
                ConvDecoderWeights weights = weightsFile == null ? ConvDecoderWeights.random(conv, 1)
                        : ConvDecoderWeights.load(weightsFile);
                return new Decoder(ConvDecoderOnnxExporter.decoder(weights), conv.flops());
            }
        }
        VitVaeConfig config = VitVaeConfig.preset(preset);
        VitVaeWeights weights = weightsFile == null ? VitVaeWeights.random(config, 1)
                : VitVaeWeights.load(weightsFile, config, VitVaeLayout.Part.DECODER);
        return new Decoder(VitVaeOnnxExporter.decoder(weights), VitVaeLayout.of(config).decodeFlops());
    }

    /**
     * The int8 form of {@code model}: static QDQ for a convolutional decoder, calibrated on the
     * training frames of {@code data} encoded by the {@code codec} encoder; dynamic int8 linear
     * layers for a ViT-VAE decoder.
     */
    private static ModelProto int8(ModelProto model, String name, OrtOptions options, Path data, Path codec)
            throws IOException {
        boolean convolutional = model.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("Conv"));
        if (!convolutional) {
            return DynamicInt8Quantizer.quantize(model, name);
        }
        if (data == null || codec == null) {
            throw new IllegalArgumentException("--int8 of a convolutional decoder needs --data and --codec: its "
                    + "activation scales are calibrated on the codec's latents of the dataset's training frames; " + USAGE);
        }
        VitVaeWeights encoderWeights = VitVaeWeights.load(codec, VitVaeConfig.NF_SMALL, VitVaeLayout.Part.ENCODER);
        float[][] latents;
        try (OrtEncoder encoder = OrtEncoder.create(encoderWeights, options)) {
            latents = CalibrationLatents.ofTrainingFrames(data, encoder, CalibrationLatents.DEFAULT_FRAMES);
        }
        return StaticInt8Quantizer.quantize(model, name, latents);
    }

    private static String endProfiling(OrtSessions.Opened opened) {
        try {
            return opened.session().endProfiling();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not write its profile: " + e.getMessage(), e);
        }
    }

    static void print(PrintStream out, String preset, Path weights, OrtOptions options, long flops, double[] wall,
                      OpProfile profile, Map<String, Integer> optimizedOps) {
        double[] sorted = wall.clone();
        Arrays.sort(sorted);
        double p50 = sorted[sorted.length / 2];
        double runMs = profile.runMicros() / 1e3 / profile.runs();
        double kernelMs = profile.kernelMicros() / 1e3 / profile.runs();
        out.printf(Locale.ROOT, "%s decode (%s), ONNX Runtime CPU, %d intra-op threads, %d profiled runs%n", preset,
                weights == null ? "random weights" : weights.getFileName(), options.intraOpThreads(), profile.runs());
        out.printf(Locale.ROOT, "wall p50 %.3f ms (%.1f GFLOP/s), min %.3f ms; profiled run mean %.3f ms, kernels %.3f ms"
                + " (%.1f%% of the run)%n", p50, flops / (p50 * 1e6), sorted[0], runMs, kernelMs, 100 * kernelMs / runMs);
        out.println();
        out.println("| operator | calls per run | ms per run | share of kernels | share of run |");
        out.println("|---|---:|---:|---:|---:|");
        for (OpProfile.OpTime op : profile.ops()) {
            double ms = op.micros() / 1e3 / profile.runs();
            out.printf(Locale.ROOT, "| %s | %d | %.3f | %.1f%% | %.1f%% |%n", op.opType(), op.calls() / profile.runs(),
                    ms, 100 * ms / kernelMs, 100 * ms / runMs);
        }
        out.printf(Locale.ROOT, "| (between kernels) | | %.3f | | %.1f%% |%n", runMs - kernelMs,
                100 * (runMs - kernelMs) / runMs);
        out.println();
        StringBuilder ops = new StringBuilder("optimized graph:");
        optimizedOps.forEach((op, n) -> ops.append(' ').append(op).append(" x").append(n).append(','));
        ops.setLength(ops.length() - 1);
        out.println(ops);
    }
}
