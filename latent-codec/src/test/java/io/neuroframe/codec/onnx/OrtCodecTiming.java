package io.neuroframe.codec.onnx;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times ONNX Runtime encode and decode of presets with random weights, batch 1 on the frame path.
 * A stop-gap measurement until the JMH benchmarks of the perf module exist.
 *
 * <pre>
 * mvn -q -pl latent-codec -am test-compile
 * mvn -q -pl latent-codec dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * cd latent-codec
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) io.neuroframe.codec.onnx.OrtCodecTiming \
 *     [--warmup W] [--runs R] [--threads T] [--decode-only] SPEC...
 * SPEC = a preset name (nf-small, oasis-vit-l-20, or the decode-only nf-tiny) or
 *        name:encDim,encDepth,encHeads,decDim,decDepth,decHeads (MLP ratio 4)
 * </pre>
 * Besides wall time it reports the CPU time of the calling thread. With {@code --threads 1}
 * ONNX Runtime runs the whole graph on that thread, so this is the model's compute cost, which
 * other processes competing for the cores barely change.
 */
public final class OrtCodecTiming {

    private OrtCodecTiming() {
    }

    public static void main(String[] args) {
        int warmup = 5;
        int runs = 30;
        boolean decodeOnly = false;
        OrtOptions options = OrtOptions.defaults();
        int i = 0;
        for (; i < args.length && args[i].startsWith("--"); i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--decode-only" -> decodeOnly = true;
                case "--threads" -> options = options.withIntraOpThreads(Integer.parseInt(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "ONNX Runtime, %d cores, %d intra-op threads, warm-up %d, %d timed runs per"
                + " model, batch 1, models timed in turn so that machine load affects each alike%n",
                Runtime.getRuntime().availableProcessors(), options.intraOpThreads(), warmup, runs);
        List<VitVaeConfig> configs = new ArrayList<>();
        List<ConvDecoderConfig> convs = new ArrayList<>();
        for (; i < args.length; i++) {
            String spec = args[i];
            if (ConvDecoderConfig.PRESETS.stream().anyMatch(c -> c.name().equals(spec))) {
                convs.add(ConvDecoderConfig.preset(spec));
            } else {
                configs.add(parse(spec));
            }
        }
        List<Timed> decoders = new ArrayList<>();
        List<Timed> encoders = new ArrayList<>();
        try {
            for (ConvDecoderConfig conv : convs) {
                OrtDecoder decoder = OrtDecoder.create(ConvDecoderWeights.random(conv, 1), options);
                FloatBuffer latent = NativeBuffers.floats(LatentContract.LATENT_FLOATS).put(TinyCodec.latents(1, 2));
                latent.flip();
                FloatBuffer decoded = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
                decoders.add(new Timed(conv.name() + " decode", decoder::close, () -> decoder.decode(latent, decoded),
                        conv.flops(), conv.parameterCount()));
            }
            for (VitVaeConfig config : configs) {
                VitVaeWeights weights = VitVaeWeights.random(config, 1);
                VitVaeLayout layout = VitVaeLayout.of(config);
                OrtDecoder decoder = OrtDecoder.create(weights, options);
                FloatBuffer latent = NativeBuffers.floats(LatentContract.LATENT_FLOATS).put(TinyCodec.latents(1, 2));
                latent.flip();
                FloatBuffer decoded = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
                decoders.add(new Timed(config.name() + " decode", decoder::close, () -> decoder.decode(latent, decoded),
                        layout.decodeFlops(), layout.parameterCount(VitVaeLayout.Part.DECODER)));
                if (!decodeOnly) {
                    OrtEncoder encoder = OrtEncoder.create(weights, options);
                    FloatBuffer image = NativeBuffers.floats(LatentContract.IMAGE_FLOATS).put(TinyCodec.images(1, 3));
                    image.flip();
                    FloatBuffer encoded = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
                    encoders.add(new Timed(config.name() + " encode", encoder::close, () -> encoder.encode(image, encoded),
                            layout.encodeFlops(), layout.parameterCount(VitVaeLayout.Part.ENCODER)));
                }
            }
            timeInTurn(decoders, warmup, runs);
            timeInTurn(encoders, warmup, runs);
        } finally {
            decoders.forEach(t -> t.close().run());
            encoders.forEach(t -> t.close().run());
        }
    }

    /** One call to time, how to free its native session, and the model's size. */
    private record Timed(String name, Runnable close, Runnable call, long flops, long parameters) {
    }

    private static void timeInTurn(List<Timed> models, int warmup, int runs) {
        for (Timed model : models) {
            for (int r = 0; r < warmup; r++) {
                model.call().run();
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] ms = new double[models.size()][runs];
        double[][] cpuMs = new double[models.size()][runs];
        for (int r = 0; r < runs; r++) {
            for (int m = 0; m < models.size(); m++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                models.get(m).call().run();
                ms[m][r] = (System.nanoTime() - start) / 1e6;
                cpuMs[m][r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            }
        }
        for (int m = 0; m < models.size(); m++) {
            Arrays.sort(ms[m]);
            Arrays.sort(cpuMs[m]);
            report(models.get(m), ms[m], cpuMs[m]);
        }
    }

    private static VitVaeConfig parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return VitVaeConfig.preset(spec);
        }
        int[] v = Arrays.stream(spec.substring(colon + 1).split(",")).mapToInt(Integer::parseInt).toArray();
        return new VitVaeConfig(spec.substring(0, colon), 16, 20, v[0], v[1], v[2], v[3], v[4], v[5], 4);
    }

    private static void report(Timed model, double[] sortedMs, double[] sortedCpuMs) {
        double p50 = percentile(sortedMs, 0.50);
        System.out.printf(Locale.ROOT, "%-20s p50 %8.2f ms  p95 %8.2f ms  min %8.2f ms  caller-thread cpu p50 %8.2f ms"
                        + "  %7.3f GFLOPs  %,12d params  %5.1f GFLOP/s at p50%n",
                model.name(), p50, percentile(sortedMs, 0.95), sortedMs[0], percentile(sortedCpuMs, 0.50),
                model.flops() / 1e9, model.parameters(), model.flops() / 1e6 / p50);
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

}
