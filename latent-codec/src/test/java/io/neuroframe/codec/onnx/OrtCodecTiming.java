package io.neuroframe.codec.onnx;

import io.neuroframe.codec.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times ONNX Runtime encode and decode of presets with random weights, batch 1 on the frame path.
 * A stop-gap measurement until the JMH benchmarks of the perf module exist.
 *
 * <pre>
 * java ... io.neuroframe.codec.onnx.OrtCodecTiming [--warmup W] [--runs R] [--decode-only] SPEC...
 * SPEC = a preset name (nf-small, oasis-vit-l-20) or
 *        name:encDim,encDepth,encHeads,decDim,decDepth,decHeads (MLP ratio 4)
 * </pre>
 */
public final class OrtCodecTiming {

    private OrtCodecTiming() {
    }

    public static void main(String[] args) {
        int warmup = 5;
        int runs = 30;
        boolean decodeOnly = false;
        int i = 0;
        for (; i < args.length && args[i].startsWith("--"); i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--decode-only" -> decodeOnly = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "ONNX Runtime, %d cores, warm-up %d, %d timed runs, batch 1%n",
                Runtime.getRuntime().availableProcessors(), warmup, runs);
        for (; i < args.length; i++) {
            VitVaeConfig config = parse(args[i]);
            VitVaeLayout layout = VitVaeLayout.of(config);
            VitVaeWeights weights = VitVaeWeights.random(config, 1);
            try (OrtDecoder decoder = OrtDecoder.create(weights)) {
                FloatBuffer latent = direct(LatentContract.LATENT_FLOATS).put(TinyCodec.latents(1, 2));
                latent.flip();
                FloatBuffer image = direct(LatentContract.IMAGE_FLOATS);
                double[] ms = time(warmup, runs, () -> decoder.decode(latent, image));
                report(config.name() + " decode", ms, layout.decodeFlops(), layout.parameterCount(VitVaeLayout.Part.DECODER));
            }
            if (!decodeOnly) {
                try (OrtEncoder encoder = OrtEncoder.create(weights)) {
                    FloatBuffer image = direct(LatentContract.IMAGE_FLOATS).put(TinyCodec.images(1, 3));
                    image.flip();
                    FloatBuffer latent = direct(LatentContract.LATENT_FLOATS);
                    double[] ms = time(warmup, runs, () -> encoder.encode(image, latent));
                    report(config.name() + " encode", ms, layout.encodeFlops(), layout.parameterCount(VitVaeLayout.Part.ENCODER));
                }
            }
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

    private static double[] time(int warmup, int runs, Runnable call) {
        for (int r = 0; r < warmup; r++) {
            call.run();
        }
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            call.run();
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void report(String what, double[] sortedMs, long flops, long parameters) {
        double p50 = percentile(sortedMs, 0.50);
        System.out.printf(Locale.ROOT, "%-28s p50 %9.2f ms  p95 %9.2f ms  min %9.2f ms  %8.3f GFLOPs  %,13d params  %6.1f GFLOP/s%n",
                what, p50, percentile(sortedMs, 0.95), sortedMs[0], flops / 1e9, parameters, flops / 1e6 / p50);
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
