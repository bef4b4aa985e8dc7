package io.neuroframe.codec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.safetensors.SafetensorsDtype;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalVaeCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EvalVaeCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void reportsMetricsPerStyleAsTableJsonAndPictureAndBackendsAgree() throws IOException {
        Path data = TrainVaeCommandTest.writeDataset(dir, List.of("meadow"), List.of("meadow", "desert", "meadow"));
        Path weights = dir.resolve("w.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(weights, SafetensorsDtype.F32);

        Path djlJson = dir.resolve("djl.json");
        Path gridPng = dir.resolve("images/grid.png");
        String[] djl = run("--data", data.toString(), "--weights", weights.toString(), "--backend", "djl",
                "--threads", "1", "--out", djlJson.toString(), "--grid", gridPng.toString());
        assertEquals("0", djl[0], djl[2]);
        assertTrue(djl[1].contains("meadow") && djl[1].contains("desert") && djl[1].contains("overall"), djl[1]);

        JsonObject report = JsonParser.parseString(Files.readString(djlJson)).getAsJsonObject();
        assertEquals(3, report.getAsJsonObject("overall").get("frames").getAsInt());
        assertEquals(2, report.getAsJsonObject("styles").getAsJsonObject("meadow").get("frames").getAsInt());
        double mse = report.getAsJsonObject("overall").get("mse").getAsDouble();
        double psnr = report.getAsJsonObject("overall").get("psnr_db").getAsDouble();
        assertEquals(10 * Math.log10(1 / mse), psnr, 1e-9);
        double ssim = report.getAsJsonObject("overall").get("ssim").getAsDouble();
        assertTrue(ssim > -1 && ssim < 1, "an untrained model cannot reconstruct perfectly: " + ssim);

        BufferedImage grid = ImageIO.read(gridPng.toFile());
        assertEquals(2 * LatentContract.IMAGE_WIDTH, grid.getWidth());
        assertEquals(2 * LatentContract.IMAGE_HEIGHT, grid.getHeight(), "one row per style");

        Path refJson = dir.resolve("ref.json");
        String[] ref = run("--data", data.toString(), "--weights", weights.toString(), "--backend", "reference",
                "--out", refJson.toString(), "--limit", "1");
        assertEquals("0", ref[0], ref[2]);
        JsonObject refReport = JsonParser.parseString(Files.readString(refJson)).getAsJsonObject();
        assertEquals(1, refReport.getAsJsonObject("styles").getAsJsonObject("meadow").get("frames").getAsInt());
        double refDesert = refReport.getAsJsonObject("styles").getAsJsonObject("desert").get("psnr_db").getAsDouble();
        double djlDesert = report.getAsJsonObject("styles").getAsJsonObject("desert").get("psnr_db").getAsDouble();
        assertEquals(djlDesert, refDesert, 0.01, "the same weights must score the same on every backend");

        Path onnxJson = dir.resolve("onnx.json");
        String[] onnx = run("--data", data.toString(), "--weights", weights.toString(), "--out", onnxJson.toString(),
                "--limit", "1");
        assertEquals("0", onnx[0], onnx[2]);
        double onnxDesert = JsonParser.parseString(Files.readString(onnxJson)).getAsJsonObject()
                .getAsJsonObject("styles").getAsJsonObject("desert").get("psnr_db").getAsDouble();
        assertEquals(djlDesert, onnxDesert, 0.01, "the default ONNX Runtime backend must agree too");
    }

    @Test
    void aConvolutionalDecoderDecodesTheLatentsOfTheViTEncoderOnEveryBackendAlike() throws IOException {
        Path data = TrainVaeCommandTest.writeDataset(dir, List.of("meadow"), List.of("meadow", "desert"));
        Path weights = dir.resolve("w.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(weights, SafetensorsDtype.F32);
        Path tiny = dir.resolve("nf-tiny.safetensors");
        ConvDecoderWeights.random(ConvDecoderConfig.NF_TINY, 4).save(tiny, SafetensorsDtype.F16);

        double[] mse = new double[3];
        String[] backends = {"onnx", "djl", "reference"};
        for (int b = 0; b < backends.length; b++) {
            Path json = dir.resolve(backends[b] + "-tiny.json");
            String[] run = run("--data", data.toString(), "--weights", weights.toString(), "--decoder", tiny.toString(),
                    "--backend", backends[b], "--threads", "1", "--out", json.toString());
            assertEquals("0", run[0], run[2]);
            assertTrue(run[1].contains("nf-tiny"), run[1]);
            JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            assertEquals("nf-tiny", report.get("decoder_preset").getAsString());
            assertEquals("nf-small encoder", report.get("latents_from").getAsString());
            mse[b] = report.getAsJsonObject("overall").get("mse").getAsDouble();
        }
        assertEquals(mse[0], mse[1], 1e-5, "onnx and djl");
        assertEquals(mse[0], mse[2], 1e-5, "onnx and reference");

        String[] notConv = run("--data", data.toString(), "--weights", weights.toString(), "--decoder", weights.toString());
        assertEquals("1", notConv[0], notConv[2]);
        assertTrue(notConv[2].contains("not convolutional decoder weights"), notConv[2]);
    }

    @Test
    void anInt8ConvolutionalDecoderIsCalibratedOnTrainingFramesOnly() throws IOException {
        Path data = TrainVaeCommandTest.writeDataset(dir, List.of("meadow", "desert"), List.of("meadow", "desert"));
        Path weights = dir.resolve("w.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(weights, SafetensorsDtype.F32);
        Path tiny = dir.resolve("nf-tiny.safetensors");
        ConvDecoderWeights.random(ConvDecoderConfig.NF_TINY, 4).save(tiny, SafetensorsDtype.F16);

        Path json = dir.resolve("int8-tiny.json");
        Path saved = dir.resolve("models").resolve("nf-tiny-int8.onnx");
        String[] run = run("--data", data.toString(), "--weights", weights.toString(), "--decoder", tiny.toString(),
                "--int8", "--save-int8", saved.toString(), "--out", json.toString());
        assertEquals("0", run[0], run[2]);
        assertTrue(run[2].contains("calibrated the int8 decoder on 2 training frames"), run[2]);
        try (OrtDecoder reloaded = OrtDecoder.fromFile(saved)) {
            assertEquals("nf-tiny-int8.onnx (onnxruntime, cpu)", reloaded.describe());
        }
        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("nf-tiny-int8 (onnxruntime, cpu)", report.get("backend").getAsString());
        assertEquals("2 training frames, nf-small encoder latents", report.get("int8_calibration").getAsString());
        assertEquals(2, report.getAsJsonObject("overall").get("frames").getAsInt(), "evaluated on the validation frames");

        String[] djl = run("--data", data.toString(), "--weights", weights.toString(), "--decoder", tiny.toString(),
                "--int8", "--backend", "djl");
        assertEquals("2", djl[0], djl[2]);
        assertTrue(djl[2].contains("--int8 needs --backend onnx"), djl[2]);

        String[] float32 = run("--data", data.toString(), "--weights", weights.toString(), "--decoder", tiny.toString(),
                "--save-int8", dir.resolve("x.onnx").toString());
        assertEquals("2", float32[0], float32[2]);
        assertTrue(float32[2].contains("--save-int8 needs --int8 and --decoder"), float32[2]);
    }

    @Test
    void decoderOnlyWeightsAreRefusedWithWhatToDoInstead() throws IOException {
        Path data = TrainVaeCommandTest.writeDataset(dir, "meadow", "meadow");
        Path tiny = dir.resolve("tiny.safetensors");
        ConvDecoderWeights.random(ConvDecoderConfig.NF_TINY, 4).save(tiny, SafetensorsDtype.F16);
        String[] conv = run("--data", data.toString(), "--weights", tiny.toString());
        assertEquals("2", conv[0]);
        assertTrue(conv[2].contains("holds a convolutional decoder") && conv[2].contains("--decoder"), conv[2]);
        Path decoderOnly = dir.resolve("decoder.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).decoderOnly().save(decoderOnly, SafetensorsDtype.F32);
        String[] vit = run("--data", data.toString(), "--weights", decoderOnly.toString());
        assertEquals("2", vit[0]);
        assertTrue(vit[2].contains("holds only the nf-small decoder"), vit[2]);
    }

    @Test
    void latentNoiseCostsMoreOnScreenTheLargerItIs() throws IOException {
        Path data = TrainVaeCommandTest.writeDataset(dir, List.of("meadow"), List.of("meadow", "desert"));
        Path weights = dir.resolve("w.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(weights, SafetensorsDtype.F32);
        Path json = dir.resolve("noise.json");
        String[] result = run("--data", data.toString(), "--weights", weights.toString(), "--latent-noise",
                "0.01,0.1", "--out", json.toString());
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].contains("latent noise against the clean decode"), result[1]);
        JsonArray rows = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("latent_noise");
        assertEquals(2, rows.size());
        JsonObject small = rows.get(0).getAsJsonObject();
        JsonObject large = rows.get(1).getAsJsonObject();
        assertEquals(0.01 * 0.01, small.get("latent_mse").getAsDouble(), 0.05 * 0.01 * 0.01,
                "the latent MSE is the noise's variance");
        assertEquals(0.1 * 0.1, large.get("latent_mse").getAsDouble(), 0.05 * 0.1 * 0.1);
        assertTrue(small.get("psnr_db_to_clean_decode").getAsDouble()
                > large.get("psnr_db_to_clean_decode").getAsDouble() + 10, "ten times the noise costs more: " + rows);
        assertTrue(small.get("ssim_to_clean_decode").getAsDouble() > large.get("ssim_to_clean_decode").getAsDouble());

        String[] zero = run("--data", data.toString(), "--weights", weights.toString(), "--latent-noise", "0.1,0");
        assertEquals("2", zero[0]);
        assertTrue(zero[2].contains("--latent-noise: a latent noise deviation must be positive and finite, got 0.0"),
                zero[2]);
    }

    @Test
    void refusesMissingWeightsAndUnknownBackends() throws IOException {
        Path data = TrainVaeCommandTest.writeDataset(dir, "meadow", "meadow");
        String[] missing = run("--data", data.toString(), "--weights", dir.resolve("none.safetensors").toString());
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("--weights not found"), missing[2]);
        String[] folder = run("--data", data.toString(), "--weights", dir.toString());
        assertEquals("2", folder[0]);
        assertTrue(folder[2].contains("is a folder, not a file"), folder[2]);
        String[] backend = run("--data", data.toString(), "--weights", "x", "--backend", "tpu");
        assertEquals("2", backend[0]);
        assertTrue(backend[2].contains("tpu"), backend[2]);
    }
}
