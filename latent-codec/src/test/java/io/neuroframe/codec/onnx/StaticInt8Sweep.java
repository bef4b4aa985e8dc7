package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.data.CalibrationLatents;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.metrics.PixelMetrics;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The choices of {@link StaticInt8Quantizer} measured on training frames only: which operators to
 * quantize and which percentile bounds the activation ranges. Calibrates on the codec's latents of
 * {@code --calibration} training frames ({@link CalibrationLatents}), and evaluates every variant
 * on {@code --eval} other training frames (PSNR against the float32 decode and against the frames),
 * then times the variants in interleaved rounds and prints the operators ONNX Runtime runs after
 * optimizing each one.
 *
 * <pre>
 * mvn -q -pl latent-codec -am test-compile
 * mvn -q -pl latent-codec dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * cd latent-codec
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) io.neuroframe.codec.onnx.StaticInt8Sweep \
 *     --data DIR --codec nf-small.safetensors --decoder nf-tiny.safetensors [--calibration N] [--eval M]
 *     [--rounds R] [--calls C] [--threads T] [--out DIR] [--variants conv|whole[+nhwc][:PERCENTILE],...]
 * </pre>
 */
public final class StaticInt8Sweep {

    private StaticInt8Sweep() {
    }

    private record Variant(String name, StaticInt8Quantizer.Choices choices) {
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        Path codec = null;
        Path decoderFile = null;
        int calibration = CalibrationLatents.DEFAULT_FRAMES;
        int eval = 50;
        int rounds = 15;
        int calls = 10;
        OrtOptions options = OrtOptions.defaults();
        Path out = Path.of("target", "int8-sweep");
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("int8", StaticInt8Quantizer.Choices.DEFAULT)));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--codec" -> codec = Path.of(args[++i]);
                case "--decoder" -> decoderFile = Path.of(args[++i]);
                case "--calibration" -> calibration = Integer.parseInt(args[++i]);
                case "--eval" -> eval = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--threads" -> options = options.withIntraOpThreads(Integer.parseInt(args[++i]));
                case "--out" -> out = Path.of(args[++i]);
                case "--variants" -> {
                    variants.clear();
                    for (String v : args[++i].split(",")) {
                        String[] parts = v.split(":");
                        StaticInt8Quantizer.Scope scope = parts[0].startsWith("conv")
                                ? StaticInt8Quantizer.Scope.CONVOLUTIONS : StaticInt8Quantizer.Scope.WHOLE_CHAIN;
                        boolean shuffle = parts[0].endsWith("+nhwc");
                        double percentile = parts.length > 1 ? Double.parseDouble(parts[1]) : 100;
                        variants.add(new Variant("int8 " + v,
                                new StaticInt8Quantizer.Choices(scope, percentile, shuffle)));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(out);
        ConvDecoderWeights weights = ConvDecoderWeights.load(decoderFile);
        VitVaeWeights encoderWeights = VitVaeWeights.load(codec, VitVaeConfig.NF_SMALL, VitVaeLayout.Part.ENCODER);
        float[][] calibrationLatents;
        List<float[]> images = new ArrayList<>();
        List<float[]> latents = new ArrayList<>();
        try (Encoder encoder = OrtEncoder.create(encoderWeights, options)) {
            long start = System.nanoTime();
            calibrationLatents = CalibrationLatents.ofTrainingFrames(data, encoder, calibration);
            System.out.printf(Locale.ROOT, "encoded %d calibration frames in %.1f s%n", calibrationLatents.length,
                    (System.nanoTime() - start) / 1e9);
            DatasetManifest manifest = DatasetManifest.read(data);
            List<DatasetFrame> train = manifest.frames(Split.TRAIN);
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < calibration; i++) {
                used.add((int) ((long) i * train.size() / calibration));
            }
            for (int i = 0; i < eval; i++) {
                int index = (int) (((long) 2 * i + 1) * train.size() / (2L * eval));
                if (used.contains(index)) {
                    index++;
                }
                float[] image = ImageIo.readPlanarRgb(manifest.imagePath(train.get(index)));
                float[] latent = new float[LatentContract.LATENT_FLOATS];
                encoder.encode(FloatBuffer.wrap(image), FloatBuffer.wrap(latent));
                images.add(image);
                latents.add(latent);
            }
        }
        ModelProto fp32 = ConvDecoderOnnxExporter.decoder(weights);
        Map<String, byte[]> models = new LinkedHashMap<>();
        models.put("float32", fp32.toByteArray());
        for (Variant v : variants) {
            long start = System.nanoTime();
            ModelProto q = StaticInt8Quantizer.quantize(fp32, v.name(), calibrationLatents, v.choices());
            System.out.printf(Locale.ROOT, "%s: quantized in %.1f s%n", v.name(), (System.nanoTime() - start) / 1e9);
            models.put(v.name(), q.toByteArray());
        }
        Map<String, PinnedSession> sessions = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> ops = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, byte[]> m : models.entrySet()) {
                Path optimized = out.resolve(m.getKey().replace(' ', '-') + "-optimized.onnx");
                OrtSessions.Opened opened = OrtSessions.open(m.getValue(), m.getKey(), options,
                        o -> o.setOptimizedModelFilePath(optimized.toString()));
                sessions.put(m.getKey(), new PinnedSession(opened, OnnxContract.LATENT, OnnxContract.latentShape(1),
                        OnnxContract.IMAGE, OnnxContract.imageShape(1), false));
                ops.put(m.getKey(), count(ModelProto.parseFrom(Files.readAllBytes(optimized))));
                Files.write(out.resolve(m.getKey().replace(' ', '-') + ".onnx"), m.getValue());
            }
            List<float[]> reference = null;
            System.out.println();
            System.out.printf(Locale.ROOT, "%d calibration frames, %d evaluation frames (training split, others)%n",
                    calibrationLatents.length, latents.size());
            System.out.println("| decoder | PSNR to float32 (dB) | PSNR to frames (dB) | max abs diff |");
            System.out.println("|---|---:|---:|---:|");
            for (Map.Entry<String, PinnedSession> s : sessions.entrySet()) {
                List<float[]> outputs = new ArrayList<>();
                for (float[] latent : latents) {
                    float[] image = new float[LatentContract.IMAGE_FLOATS];
                    s.getValue().run(FloatBuffer.wrap(latent), FloatBuffer.wrap(image));
                    outputs.add(image);
                }
                if (reference == null) {
                    reference = outputs;
                }
                double mseRef = 0;
                double mseFrames = 0;
                double maxAbs = 0;
                for (int f = 0; f < outputs.size(); f++) {
                    mseRef += PixelMetrics.mse(outputs.get(f), reference.get(f));
                    mseFrames += PixelMetrics.mse(outputs.get(f), images.get(f));
                    for (int i = 0; i < outputs.get(f).length; i++) {
                        maxAbs = Math.max(maxAbs, Math.abs(outputs.get(f)[i] - reference.get(f)[i]));
                    }
                }
                int n = outputs.size();
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.3f | %.3f |%n", s.getKey(),
                        PixelMetrics.psnrFromMse(mseRef / n), PixelMetrics.psnrFromMse(mseFrames / n), maxAbs);
            }
            time(sessions, latents.get(0), rounds, calls, options);
            System.out.println();
            ops.forEach((name, counts) -> System.out.println(name + ": " + counts));
        } finally {
            sessions.values().forEach(PinnedSession::close);
        }
    }

    private static void time(Map<String, PinnedSession> sessions, float[] latentValues, int rounds, int calls,
                             OrtOptions options) {
        FloatBuffer latent = FloatBuffer.wrap(latentValues);
        FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, double[][]> times = new LinkedHashMap<>();
        sessions.keySet().forEach(k -> times.put(k, new double[2][rounds * calls]));
        for (int round = -1; round < rounds; round++) {
            for (Map.Entry<String, PinnedSession> s : sessions.entrySet()) {
                for (int c = 0; c < calls; c++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    s.getValue().run(latent, image);
                    if (round >= 0) {
                        times.get(s.getKey())[0][round * calls + c] = (System.nanoTime() - start) / 1e6;
                        times.get(s.getKey())[1][round * calls + c] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
                    }
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%d interleaved rounds of %d decodes, %d intra-op threads, load average %.2f%n",
                rounds, calls, options.intraOpThreads(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| decoder | p50 ms | p10 ms | p50 / float32 | caller CPU p50 ms | CPU / float32 |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        double first = Double.NaN;
        double firstCpu = Double.NaN;
        for (Map.Entry<String, double[][]> t : times.entrySet()) {
            double[] wall = t.getValue()[0].clone();
            double[] cpu = t.getValue()[1].clone();
            Arrays.sort(wall);
            Arrays.sort(cpu);
            double p50 = wall[wall.length / 2];
            double cpu50 = cpu[cpu.length / 2];
            if (Double.isNaN(first)) {
                first = p50;
                firstCpu = cpu50;
            }
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n", t.getKey(), p50,
                    wall[wall.length / 10], p50 / first, cpu50, cpu50 / firstCpu);
        }
    }

    private static Map<String, Integer> count(ModelProto model) {
        Map<String, Integer> counts = new TreeMap<>();
        for (NodeProto node : model.getGraph().getNodeList()) {
            String name = node.getDomain().isEmpty() ? node.getOpType() : node.getDomain() + ":" + node.getOpType();
            counts.merge(name, 1, Integer::sum);
        }
        return counts;
    }
}
