package io.neuroframe.render.upscale;

import io.neuroframe.codec.metrics.PixelMetrics;
import io.neuroframe.codec.metrics.Ssim;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Measures how well each upscaler restores detail: every frame is shrunk by 2 with a 2 x 2 box
 * filter, upscaled back with each pass's CPU reference (which matches the shader, see the GL
 * tests in {@code shaders}), and compared with the original by PSNR and SSIM. Prints a markdown
 * table.
 *
 * <pre>
 * UpscaleQualityReport &lt;folder of PNG frames, searched recursively&gt; [frames to use, default 100] [sharpness]
 * </pre>
 * Frames are taken evenly spaced from the sorted file list, so the choice is repeatable.
 */
public final class UpscaleQualityReport {

    /** One row of the table: an upscaler with a sharpening strength. */
    record Variant(String label, Upscaler kind, float sharpness) {
    }

    /** Mean scores of one variant over all frames. */
    record Score(Variant variant, double psnr, double ssim, int bestPsnrFrames) {
    }

    private UpscaleQualityReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: UpscaleQualityReport <folder of PNG frames> [frames, default 100] [sharpness]");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        float sharpness = args.length > 2 ? Float.parseFloat(args[2]) : Upscaler.DEFAULT_SHARPNESS;
        List<Path> chosen = choose(pngs(folder), frames);
        List<Score> scores = measure(chosen, variants(sharpness));
        printTable(System.out, folder, chosen.size(), scores);
    }

    static List<Variant> variants(float sharpness) {
        return List.of(
                new Variant("bilinear", Upscaler.BILINEAR, 0f),
                new Variant("bicubic (Catmull-Rom)", Upscaler.BICUBIC, 0f),
                new Variant("Lanczos (a = 3)", Upscaler.LANCZOS, 0f),
                new Variant("edge-adaptive, no sharpening", Upscaler.EDGE_ADAPTIVE, 0f),
                new Variant(String.format(Locale.ROOT, "edge-adaptive + sharpening %.2f", sharpness),
                        Upscaler.EDGE_ADAPTIVE, sharpness));
    }

    static List<Path> pngs(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("no PNG files under " + folder);
            }
            return found;
        }
    }

    /** {@code count} files evenly spaced through {@code files} (all of them when there are fewer). */
    static List<Path> choose(List<Path> files, int count) {
        if (count >= files.size()) {
            return files;
        }
        List<Path> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(files.get((int) ((long) i * files.size() / count)));
        }
        return chosen;
    }

    static List<Score> measure(List<Path> frames, List<Variant> variants) {
        double[] psnr = new double[variants.size()];
        double[] ssim = new double[variants.size()];
        int[] best = new int[variants.size()];
        List<CpuUpscaler> upscalers = variants.stream().map(v -> v.kind().newCpuUpscaler(v.sharpness())).toList();
        for (Path frame : frames) {
            RgbaImage original = evenCrop(read(frame));
            RgbaImage small = boxHalve(original);
            RgbaImage restored = new RgbaImage(original.width(), original.height());
            float[] reference = original.toPlanarRgb();
            double bestPsnr = Double.NEGATIVE_INFINITY;
            int bestIndex = 0;
            for (int v = 0; v < variants.size(); v++) {
                upscalers.get(v).upscale(small, restored);
                float[] planar = restored.toPlanarRgb();
                double p = PixelMetrics.psnr(reference, planar);
                psnr[v] += p;
                ssim[v] += Ssim.ssim(reference, planar, 3, original.height(), original.width());
                if (p > bestPsnr) {
                    bestPsnr = p;
                    bestIndex = v;
                }
            }
            best[bestIndex]++;
        }
        List<Score> scores = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            scores.add(new Score(variants.get(v), psnr[v] / frames.size(), ssim[v] / frames.size(), best[v]));
        }
        return scores;
    }

    static void printTable(PrintStream out, Path folder, int frames, List<Score> scores) {
        out.printf(Locale.ROOT, "Upscaling quality: %d frames from %s, shrunk by 2 (2x2 box), upscaled back by 2%n%n",
                frames, folder.getFileName());
        out.println("| upscaler | PSNR (dB) | SSIM | frames where best PSNR |");
        out.println("|---|---:|---:|---:|");
        for (Score s : scores) {
            out.printf(Locale.ROOT, "| %s | %.2f | %.4f | %d |%n", s.variant().label(), s.psnr(), s.ssim(),
                    s.bestPsnrFrames());
        }
    }

    /** Averages each 2 x 2 block of pixels. */
    static RgbaImage boxHalve(RgbaImage image) {
        RgbaImage half = new RgbaImage(image.width() / 2, image.height() / 2);
        float[] in = image.data();
        float[] out = half.data();
        for (int y = 0; y < half.height(); y++) {
            for (int x = 0; x < half.width(); x++) {
                for (int c = 0; c < 4; c++) {
                    int i = ((2 * y) * image.width() + 2 * x) * 4 + c;
                    int below = i + image.width() * 4;
                    out[(y * half.width() + x) * 4 + c] = 0.25f * (in[i] + in[i + 4] + in[below] + in[below + 4]);
                }
            }
        }
        return half;
    }

    private static RgbaImage evenCrop(RgbaImage image) {
        int w = image.width() & ~1;
        int h = image.height() & ~1;
        if (w == image.width() && h == image.height()) {
            return image;
        }
        RgbaImage cropped = new RgbaImage(w, h);
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.data(), y * image.width() * 4, cropped.data(), y * w * 4, w * 4);
        }
        return cropped;
    }

    private static RgbaImage read(Path png) {
        try {
            var image = ImageIO.read(png.toFile());
            if (image == null) {
                throw new IllegalArgumentException("not a readable image: " + png);
            }
            return RgbaImage.fromImage(image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + png, e);
        }
    }
}
