package io.neuroframe.perf.profile;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.metrics.PixelMetrics;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.perf.bench.FrameBuffers;
import io.neuroframe.perf.bench.ToolArguments;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares ONNX decoder files on the same real latents in one process: each decoder's output
 * against the first one's (largest absolute difference, PSNR) and against the original frames
 * (PSNR from the mean MSE, as {@code eval-vae} computes it), and their decode times measured in
 * interleaved rounds (every round times each decoder in turn, so the machine's load hits each
 * alike), with each decoder's p50 over the first's; also the calling thread's CPU time, which
 * with {@code --threads 1} is the whole decode's and barely moves with the machine's load.
 *
 * <pre>
 * DecoderComparison --data DIR --codec FILE [--frames N] [--rounds R] [--calls C] [--threads T] DECODER.onnx...
 *   --data    dataset folder whose validation frames give the latents (encoded by the --codec encoder)
 *   --codec   nf-small weights whose encoder makes the latents (e.g. models/nf-small.safetensors)
 *   --frames  validation frames, spread evenly over the split (default 25)
 *   --rounds  interleaved timing rounds (default 20); --calls decodes per decoder per round (default 10)
 * </pre>
 * Started by {@code ./neuroframe bench --compare [options]}.
 */
public final class DecoderComparison {
    private static final String USAGE = "usage: neuroframe bench --compare --data DIR --codec FILE [--frames N] "
            + "[--rounds R] [--calls C] [--threads T] DECODER.onnx...";

    private DecoderComparison() {
    }

    public static void main(String[] args) throws IOException {
        Path data = null;
        Path codec = null;
        int frames = 25;
        int rounds = 20;
        int calls = 10;
        OrtOptions options = OrtOptions.defaults();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(ToolArguments.value(args, ++i, USAGE));
                case "--codec" -> codec = Path.of(ToolArguments.value(args, ++i, USAGE));
                case "--frames" -> frames = ToolArguments.positive(args, ++i, USAGE);
                case "--rounds" -> rounds = ToolArguments.positive(args, ++i, USAGE);
                case "--calls" -> calls = ToolArguments.positive(args, ++i, USAGE);
                case "--threads" -> options = options.withIntraOpThreads(ToolArguments.positive(args, ++i, USAGE));
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + USAGE);
                    }
                    files.add(Path.of(args[i]));
                }
            }
        }
        if (data == null || codec == null || files.isEmpty()) {
            throw new IllegalArgumentException("--data, --codec and at least one decoder file are needed; " + USAGE);
        }
        List<float[]> images = validationImages(data, frames);
        List<float[]> latents = encode(codec, images, options);
        Map<String, OrtDecoder> decoders = new LinkedHashMap<>();
        try {
            for (Path file : files) {
                decoders.put(file.toString(), OrtDecoder.fromFile(file, options));
            }
            List<Quality> quality = quality(decoders, latents, images);
            Map<String, double[][]> times = time(decoders, rounds, calls);
            print(System.out, options, latents.size(), rounds, calls, quality, times);
        } finally {
            decoders.values().forEach(OrtDecoder::close);
        }
    }

    /**
     * One decoder's outputs against the first decoder's and against the frames.
     *
     * @param maxAbsDiff largest absolute difference to the first decoder over all pixels of all frames
     * @param psnrToFirst PSNR against the first decoder's outputs, from the mean MSE over the frames
     * @param psnrToFrames PSNR against the original frames, from the mean MSE over the frames
     */
    record Quality(String decoder, double maxAbsDiff, double psnrToFirst, double psnrToFrames) {
    }

    /** {@code count} validation frames spread evenly over the split, planar RGB in [0, 1]. */
    static List<float[]> validationImages(Path data, int count) throws IOException {
        DatasetManifest manifest = DatasetManifest.read(data);
        List<DatasetFrame> validation = manifest.frames(Split.VALIDATION);
        if (validation.isEmpty()) {
            throw new IllegalArgumentException(data + ": the dataset has no validation frames");
        }
        int n = Math.min(count, validation.size());
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DatasetFrame frame = validation.get((int) ((long) i * validation.size() / n));
            images.add(ImageIo.readPlanarRgb(manifest.imagePath(frame)));
        }
        return images;
    }

    private static List<float[]> encode(Path codec, List<float[]> images, OrtOptions options) throws IOException {
        VitVaeWeights weights = VitVaeWeights.load(codec, VitVaeConfig.NF_SMALL, VitVaeLayout.Part.ENCODER);
        List<float[]> latents = new ArrayList<>();
        try (Encoder encoder = OrtEncoder.create(weights, options)) {
            for (float[] image : images) {
                float[] latent = new float[LatentContract.LATENT_FLOATS];
                encoder.encode(FloatBuffer.wrap(image), FloatBuffer.wrap(latent));
                latents.add(latent);
            }
        }
        return latents;
    }

    private static List<Quality> quality(Map<String, OrtDecoder> decoders, List<float[]> latents, List<float[]> images) {
        List<float[]> first = null;
        List<Quality> quality = new ArrayList<>();
        for (Map.Entry<String, OrtDecoder> entry : decoders.entrySet()) {
            List<float[]> outputs = new ArrayList<>();
            for (float[] latent : latents) {
                float[] image = new float[LatentContract.IMAGE_FLOATS];
                entry.getValue().decode(FloatBuffer.wrap(latent), FloatBuffer.wrap(image));
                outputs.add(image);
            }
            if (first == null) {
                first = outputs;
            }
            double maxAbs = 0;
            double mseFirst = 0;
            double mseFrames = 0;
            for (int f = 0; f < outputs.size(); f++) {
                float[] out = outputs.get(f);
                float[] ref = first.get(f);
                for (int i = 0; i < out.length; i++) {
                    maxAbs = Math.max(maxAbs, Math.abs(out[i] - ref[i]));
                }
                mseFirst += PixelMetrics.mse(out, ref);
                mseFrames += PixelMetrics.mse(out, images.get(f));
            }
            int n = outputs.size();
            quality.add(new Quality(entry.getKey(), maxAbs, PixelMetrics.psnrFromMse(mseFirst / n),
                    PixelMetrics.psnrFromMse(mseFrames / n)));
        }
        return quality;
    }

    /**
     * Per decoder, the wall time and the calling thread's CPU time of every timed call in ms
     * ({@code [0]} and {@code [1]}), from interleaved rounds after one warm-up round.
     */
    private static Map<String, double[][]> time(Map<String, OrtDecoder> decoders, int rounds, int calls) {
        FloatBuffer latent = FrameBuffers.latent(2);
        FloatBuffer image = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, double[][]> times = new LinkedHashMap<>();
        decoders.keySet().forEach(name -> times.put(name, new double[2][rounds * calls]));
        for (int round = -1; round < rounds; round++) {
            for (Map.Entry<String, OrtDecoder> entry : decoders.entrySet()) {
                double[][] t = times.get(entry.getKey());
                for (int c = 0; c < calls; c++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    entry.getValue().decode(latent, image);
                    if (round >= 0) {
                        t[0][round * calls + c] = (System.nanoTime() - start) / 1e6;
                        t[1][round * calls + c] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
                    }
                }
            }
        }
        return times;
    }

    static void print(PrintStream out, OrtOptions options, int frames, int rounds, int calls, List<Quality> quality,
                      Map<String, double[][]> times) {
        out.printf(Locale.ROOT, "%d validation latents; timing: %d interleaved rounds of %d decodes per decoder, "
                + "%d intra-op threads, load average %.1f%n", frames, rounds, calls, options.intraOpThreads(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.println();
        out.println("| decoder | p50 ms | p10 ms | p50 / first's | caller CPU p50 ms | CPU / first's "
                + "| max abs diff to first | PSNR to first (dB) | PSNR to frames (dB) |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        double firstP50 = Double.NaN;
        double firstCpu = Double.NaN;
        for (Quality q : quality) {
            double[] t = times.get(q.decoder())[0].clone();
            double[] cpu = times.get(q.decoder())[1].clone();
            Arrays.sort(t);
            Arrays.sort(cpu);
            double p50 = t[t.length / 2];
            double cpuP50 = cpu[cpu.length / 2];
            if (Double.isNaN(firstP50)) {
                firstP50 = p50;
                firstCpu = cpuP50;
            }
            out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.2e | %s | %.2f |%n", q.decoder(), p50,
                    t[t.length / 10], p50 / firstP50, cpuP50, cpuP50 / firstCpu, q.maxAbsDiff(),
                    Double.isInfinite(q.psnrToFirst()) ? "identical" : String.format(Locale.ROOT, "%.2f", q.psnrToFirst()),
                    q.psnrToFrames());
        }
    }
}
