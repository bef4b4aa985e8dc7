package io.neuroframe.codec.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.data.CalibrationLatents;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.djl.DjlConvDecoder;
import io.neuroframe.codec.djl.DjlDecoder;
import io.neuroframe.codec.djl.DjlEncoder;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.ConvDecoderOnnxExporter;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.StaticInt8Quantizer;
import io.neuroframe.codec.onnx.VitVaeOnnxExporter;
import io.neuroframe.codec.reference.ReferenceConvDecoder;
import io.neuroframe.codec.reference.ReferenceDecoder;
import io.neuroframe.codec.reference.ReferenceEncoder;
import io.neuroframe.codec.weights.WeightFiles;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eval-vae}: reconstruction quality (MSE, PSNR, SSIM, MS-SSIM) of ViT-VAE weights on a
 * dataset's validation split, per style and overall, as a table on stdout and optionally JSON and
 * an original | reconstruction picture with one row per style.
 */
@Command(name = "eval-vae", mixinStandardHelpOptions = true,
        description = {"Evaluates ViT-VAE weights on a dataset's validation split: MSE, PSNR, SSIM and MS-SSIM per "
                + "style and overall, on [0, 1] pixels; PSNR is computed from each group's mean MSE.",
            "With --decoder, a convolutional decoder decodes the latents of the --weights encoder."})
public final class EvalVaeCommand implements Callable<Integer> {
    /** The backends that can run the evaluation. */
    enum Backend { onnx, djl, reference }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "dataset folder (with manifest.jsonl)")
    Path data;

    @Option(names = "--weights", required = true, description = "safetensors file with encoder and decoder")
    Path weights;

    @Option(names = "--decoder", description = {"convolutional decoder weights (e.g. nf-tiny) to decode with instead of",
            "the decoder in --weights, whose encoder still gives the latents"})
    Path convDecoder;

    @Option(names = "--preset", defaultValue = "nf-small", description = "model preset (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--backend", defaultValue = "onnx", description = "onnx, djl or reference (default: ${DEFAULT-VALUE})")
    Backend backend;

    @Option(names = "--int8", description = {"decode with the int8 variant of the decoder (onnx backend only): the --weights",
            "decoder with its linear layers in int8, or the --decoder convolutional decoder in static int8",
            "calibrated on the --weights encoder's latents of " + CalibrationLatents.DEFAULT_FRAMES
                    + " training frames of --data"})
    boolean int8;

    @Option(names = "--save-int8", paramLabel = "FILE", description = {"with --decoder and --int8: write the int8 model",
            "that is evaluated to this ONNX file, for the budget ladder's fallback rung"})
    Path saveInt8;

    @Option(names = "--latent-noise", split = ",", paramLabel = "SD", description = {"also decode each frame's latent with",
            "Gaussian noise of these standard deviations (scaled-latent units, comma-separated) and compare with its",
            "clean decode: what an unstructured latent error of that size costs on screen (for judging a world",
            "model's latent errors)"})
    double[] latentNoise;

    @Option(names = "--grid", description = "write an original | reconstruction PNG, one row per style, to this file")
    Path grid;

    @Option(names = "--limit", description = "evaluate at most this many frames per style (default: all)")
    Integer limit;

    @Mixin
    EvalOptions eval;

    /** How many training frames the int8 convolutional decoder was calibrated on. */
    private int calibrationFrames;

    @Override
    public Integer call() throws IOException {
        VitVaeConfig config = CommandArguments.parse(spec, () -> VitVaeConfig.preset(preset));
        if (int8 && backend != Backend.onnx) {
            throw new ParameterException(spec.commandLine(), "--int8 needs --backend onnx");
        }
        if (saveInt8 != null && (!int8 || convDecoder == null)) {
            throw new ParameterException(spec.commandLine(), "--save-int8 needs --int8 and --decoder (the "
                    + "convolutional decoder whose int8 model it writes)");
        }
        if (latentNoise != null) {
            try {
                LatentNoiseSensitivity.requireDeviations(latentNoise);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--latent-noise: " + e.getMessage());
            }
        }
        if (limit != null && limit <= 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be positive, got " + limit);
        }
        String weightsProblem = WeightFiles.fileProblem(weights, "--weights");
        if (weightsProblem != null) {
            throw new ParameterException(spec.commandLine(), weightsProblem);
        }
        DatasetManifest manifest = DatasetManifest.read(data);
        List<DatasetFrame> frames = selectFrames(manifest.frames(Split.VALIDATION));
        if (frames.isEmpty()) {
            throw new ParameterException(spec.commandLine(), data + ": the dataset has no validation frames");
        }
        VitVaeWeights model = loadCodec(config);
        ConvDecoderWeights conv = null;
        if (convDecoder != null) {
            String decoderProblem = WeightFiles.fileProblem(convDecoder, "--decoder");
            if (decoderProblem != null) {
                throw new ParameterException(spec.commandLine(), decoderProblem);
            }
            conv = ConvDecoderWeights.load(convDecoder);
        }
        PrintWriter err = spec.commandLine().getErr();
        Map<String, float[][]> examples = new LinkedHashMap<>();
        VaeEvaluation evaluation;
        List<LatentNoiseSensitivity.Row> noiseRows = List.of();
        String described;
        try (Encoder encoder = encoder(model);
             Decoder decoder = conv != null ? decoder(conv, encoder, err) : decoder(model)) {
            described = decoder.describe();
            evaluation = new VaeEvaluation(encoder, decoder);
            LatentNoiseSensitivity sensitivity = latentNoise == null ? null
                    : new LatentNoiseSensitivity(decoder, latentNoise);
            ProgressLine progress = new ProgressLine(err, "evaluating", "frames");
            for (int i = 0; i < frames.size(); i++) {
                DatasetFrame frame = frames.get(i);
                float[] image = ImageIo.readPlanarRgb(manifest.imagePath(frame));
                VaeEvaluation.Reconstruction reconstruction = evaluation.add(frame.style(), image);
                examples.putIfAbsent(frame.style(), new float[][] {image, reconstruction.image()});
                if (sensitivity != null) {
                    sensitivity.add(reconstruction.latent(), reconstruction.image());
                }
                progress.accept(i + 1, frames.size());
            }
            if (sensitivity != null) {
                noiseRows = sensitivity.rows();
            }
        }
        printTable(spec.commandLine().getOut(), evaluation, described);
        printNoiseTable(spec.commandLine().getOut(), noiseRows);
        if (eval.json() != null) {
            writeJson(eval.json(), evaluation, config, described, conv, noiseRows);
        }
        if (grid != null) {
            writeGrid(grid, examples);
        }
        return 0;
    }

    /**
     * The whole codec from {@code --weights}; a file that holds only a decoder is refused with what to
     * do instead (a convolutional decoder goes to {@code --decoder}).
     */
    private VitVaeWeights loadCodec(VitVaeConfig config) throws IOException {
        if (ConvDecoderWeights.isConvDecoderFile(weights)) {
            throw new ParameterException(spec.commandLine(), "--weights: " + weights + " holds a convolutional "
                    + "decoder, not a ViT-VAE codec: give it with --decoder, and the codec that makes its latents "
                    + "with --weights");
        }
        try {
            return VitVaeWeights.load(weights, config, VitVaeLayout.Part.ALL);
        } catch (IllegalArgumentException whole) {
            try {
                VitVaeWeights.load(weights, config, VitVaeLayout.Part.DECODER);
            } catch (IllegalArgumentException notADecoderEither) {
                throw whole;
            }
            throw new ParameterException(spec.commandLine(), "--weights: " + weights + " holds only the "
                    + config.name() + " decoder; eval-vae encodes the frames too, so give the whole codec (a "
                    + "convolutional decoder to compare goes to --decoder)");
        }
    }

    /** The validation frames, at most {@code limit} per style spread evenly over each style's frames. */
    private List<DatasetFrame> selectFrames(List<DatasetFrame> validation) {
        Map<String, List<DatasetFrame>> byStyle = new LinkedHashMap<>();
        for (DatasetFrame f : validation) {
            byStyle.computeIfAbsent(f.style(), s -> new ArrayList<>()).add(f);
        }
        List<DatasetFrame> selected = new ArrayList<>();
        for (List<DatasetFrame> style : byStyle.values()) {
            int n = limit == null ? style.size() : Math.min(limit, style.size());
            for (int index : TrainVaeCommand.evenlySpaced(style.size(), n)) {
                selected.add(style.get(index));
            }
        }
        return selected;
    }

    private Encoder encoder(VitVaeWeights model) {
        return switch (backend) {
            case onnx -> OrtEncoder.create(model);
            case djl -> DjlEncoder.create(model, eval.engine());
            case reference -> new ReferenceEncoder(model);
        };
    }

    private Decoder decoder(VitVaeWeights model) {
        if (int8) {
            return OrtDecoder.createInt8(model, OrtOptions.defaults());
        }
        return switch (backend) {
            case onnx -> OrtDecoder.create(model);
            case djl -> DjlDecoder.create(model, eval.engine());
            case reference -> new ReferenceDecoder(model);
        };
    }

    /**
     * The convolutional decoder; in int8, calibrated on {@code encoder}'s latents of training frames
     * of the dataset (the validation frames it is evaluated on stay out of the calibration).
     */
    private Decoder decoder(ConvDecoderWeights conv, Encoder encoder, PrintWriter err) throws IOException {
        if (int8) {
            long start = System.nanoTime();
            float[][] latents = CalibrationLatents.ofTrainingFrames(data, encoder, CalibrationLatents.DEFAULT_FRAMES);
            calibrationFrames = latents.length;
            String name = conv.config().name() + "-int8";
            ModelProto model = StaticInt8Quantizer.quantize(ConvDecoderOnnxExporter.decoder(conv), name, latents);
            err.printf(Locale.ROOT, "calibrated the int8 decoder on %d training frames (%.1f s)%n", latents.length,
                    (System.nanoTime() - start) / 1e9);
            if (saveInt8 != null) {
                VitVaeOnnxExporter.write(model, saveInt8);
                err.println("wrote the int8 model to " + saveInt8);
            }
            return OrtDecoder.fromModel(model, name, OrtOptions.defaults());
        }
        return switch (backend) {
            case onnx -> OrtDecoder.create(conv);
            case djl -> DjlConvDecoder.create(conv, eval.engine());
            case reference -> new ReferenceConvDecoder(conv);
        };
    }

    private static void printTable(PrintWriter out, VaeEvaluation evaluation, String described) {
        out.printf(Locale.ROOT, "%s on the validation split%n", described);
        out.printf(Locale.ROOT, "%-14s %7s %10s %10s %8s %8s%n", "style", "frames", "MSE", "PSNR (dB)", "SSIM", "MS-SSIM");
        evaluation.perStyle().forEach((style, m) -> printRow(out, style, m));
        printRow(out, "overall", evaluation.overall());
        out.flush();
    }

    private static void printNoiseTable(PrintWriter out, List<LatentNoiseSensitivity.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "%nlatent noise against the clean decode%n");
        out.printf(Locale.ROOT, "%10s %12s %10s %8s%n", "noise SD", "latent MSE", "PSNR (dB)", "SSIM");
        for (LatentNoiseSensitivity.Row r : rows) {
            out.printf(Locale.ROOT, "%10.4f %12.6f %10.2f %8.4f%n", r.deviation(), r.latentMse(), r.psnr(), r.ssim());
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, String name, VaeEvaluation.Metrics m) {
        out.printf(Locale.ROOT, "%-14s %7d %10.6f %10.2f %8.4f %8.4f%n", name, m.frames(), m.mse(), m.psnr(),
                m.ssim(), m.msSsim());
    }

    private void writeJson(Path file, VaeEvaluation evaluation, VitVaeConfig config, String described,
                           ConvDecoderWeights conv, List<LatentNoiseSensitivity.Row> noiseRows)
            throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("weights", weights.getFileName().toString());
        root.addProperty("preset", config.name());
        if (conv != null) {
            root.addProperty("decoder_weights", convDecoder.getFileName().toString());
            root.addProperty("decoder_preset", conv.config().name());
            root.addProperty("latents_from", config.name() + " encoder");
            if (int8) {
                root.addProperty("int8_calibration", calibrationFrames + " training frames, " + config.name()
                        + " encoder latents");
            }
        }
        root.addProperty("backend", described);
        root.addProperty("split", Split.VALIDATION.manifestName());
        root.add("overall", toJson(evaluation.overall()));
        JsonObject styles = new JsonObject();
        evaluation.perStyle().forEach((style, m) -> styles.add(style, toJson(m)));
        root.add("styles", styles);
        if (!noiseRows.isEmpty()) {
            JsonArray noise = new JsonArray();
            for (LatentNoiseSensitivity.Row r : noiseRows) {
                JsonObject o = new JsonObject();
                o.addProperty("deviation", r.deviation());
                o.addProperty("latent_mse", r.latentMse());
                o.addProperty("psnr_db_to_clean_decode", r.psnr());
                o.addProperty("ssim_to_clean_decode", r.ssim());
                noise.add(o);
            }
            root.add("latent_noise", noise);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n",
                StandardCharsets.UTF_8);
    }

    private static JsonObject toJson(VaeEvaluation.Metrics m) {
        JsonObject o = new JsonObject();
        o.addProperty("frames", m.frames());
        o.addProperty("mse", m.mse());
        o.addProperty("psnr_db", m.psnr());
        o.addProperty("ssim", m.ssim());
        o.addProperty("ms_ssim", m.msSsim());
        return o;
    }

    /** One row per style: the style's first evaluated frame, original on the left. */
    private static void writeGrid(Path file, Map<String, float[][]> examples) throws IOException {
        int w = LatentContract.IMAGE_WIDTH;
        int h = LatentContract.IMAGE_HEIGHT;
        BufferedImage sheet = new BufferedImage(2 * w, h * examples.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            int row = 0;
            for (float[][] pair : examples.values()) {
                g.drawImage(ImageIo.fromPlanarRgb(pair[0]), 0, row * h, null);
                g.drawImage(ImageIo.fromPlanarRgb(pair[1]), w, row * h, null);
                row++;
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        ImageIo.writePngAtomically(sheet, file);
    }
}
