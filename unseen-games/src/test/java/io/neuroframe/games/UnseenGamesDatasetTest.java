package io.neuroframe.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.capture.CaptureSettings;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.Split;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a tiny dataset of all five games for real (needs a display; run under xvfb-run): three training and two
 * validation frames per game, in one trajectory each.
 */
@Tag("gl")
class UnseenGamesDatasetTest {
    private static final GamesSettings TINY = new GamesSettings(List.of(UnseenGame.values()), 3, 2, 7, 3);
    private static final int FRAMES_PER_GAME = 5;
    /** Bins per colour channel of the histograms that tell games apart. */
    private static final int BINS = 4;

    @TempDir
    static Path dataset;
    private static GamesDatasetGenerator.Result first;
    private static DatasetManifest manifest;

    @BeforeAll
    static void generate() throws Exception {
        first = generate(dataset);
        manifest = DatasetManifest.read(dataset);
    }

    private static GamesDatasetGenerator.Result generate(Path dir) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        GamesDatasetGenerator.Result result = GamesDatasetGenerator.generate(dir, TINY,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        if (result.capture().framesWritten() > 0) {
            assertTrue(progress.toString(StandardCharsets.UTF_8).contains("ETA"), "progress with an ETA");
        }
        return result;
    }

    @Test
    void writesAManifestThatTheDatasetReaderReads() throws IOException {
        assertEquals(5 * FRAMES_PER_GAME, first.capture().framesWritten());
        List<DatasetFrame> rows = manifest.frames();
        assertEquals(5 * FRAMES_PER_GAME, rows.size());
        assertEquals(List.of("arena", "atrium", "highlands", "night", "showroom"), manifest.styles(),
                "the game name is in the style field");
        assertEquals(10, manifest.trajectories().size());
        for (UnseenGame game : UnseenGame.values()) {
            assertEquals(3, rows.stream().filter(r -> r.style().equals(game.gameName()) && r.split() == Split.TRAIN)
                    .count(), game + " training frames");
            assertEquals(2, rows.stream().filter(r -> r.style().equals(game.gameName())
                    && r.split() == Split.VALIDATION).count(), game + " validation frames");
        }
        for (List<DatasetFrame> trajectory : manifest.trajectories().values()) {
            assertEquals(1, trajectory.stream().map(DatasetFrame::split).distinct().count(), "one split per trajectory");
        }
        Set<String> files = new HashSet<>();
        for (DatasetFrame row : rows) {
            assertTrue(files.add(row.file()), "unique file " + row.file());
            assertTrue(Files.isRegularFile(manifest.imagePath(row)), row.file());
            assertTrue(Float.isFinite(row.pose().x()) && Math.abs(row.pose().pitchDegrees()) <= 90, row.toString());
        }
        assertTrue(Files.isRegularFile(dataset.resolve(CaptureSettings.FILE_NAME)));
        assertEquals(5, first.closest().size(), "the near-duplicate check ran for every game");
    }

    @Test
    void everyGameRendersARealFrame() throws IOException {
        for (UnseenGame game : UnseenGame.values()) {
            DatasetFrame row = framesOf(game.gameName()).get(0);
            BufferedImage image = ImageIO.read(manifest.imagePath(row).toFile());
            assertEquals(640, image.getWidth(), row.file());
            assertEquals(360, image.getHeight(), row.file());
            Set<Integer> colours = new HashSet<>();
            double sum = 0;
            double squares = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    colours.add(rgb & 0xFFFFFF);
                    double luma = (0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF)
                            + 0.114 * (rgb & 0xFF)) / 255;
                    sum += luma;
                    squares += luma * luma;
                }
            }
            int n = image.getWidth() * image.getHeight();
            double deviation = Math.sqrt(squares / n - (sum / n) * (sum / n));
            assertTrue(colours.size() > 500, game + " frame has only " + colours.size() + " colours");
            assertTrue(deviation > 0.04, game + " frame is nearly uniform: luma deviation " + deviation);
        }
    }

    @Test
    void theGamesLookDifferentFromEachOther() throws IOException {
        Map<String, double[]> histograms = new TreeMap<>();
        for (UnseenGame game : UnseenGame.values()) {
            histograms.put(game.gameName(), histogram(framesOf(game.gameName())));
        }
        for (String a : histograms.keySet()) {
            for (String b : histograms.keySet()) {
                if (a.compareTo(b) < 0) {
                    double distance = 0;
                    for (int i = 0; i < histograms.get(a).length; i++) {
                        distance += Math.abs(histograms.get(a)[i] - histograms.get(b)[i]);
                    }
                    assertTrue(distance > 0.5, a + " and " + b + " have nearly the same colours: L1 distance of "
                            + "their colour histograms " + distance + " (of at most 2)");
                }
            }
        }
    }

    @Test
    void anInterruptedRunResumesToTheSameBytes(@TempDir Path resumed) throws Exception {
        try (Stream<Path> files = Files.walk(dataset)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = resumed.resolve(dataset.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        // interrupted inside the arena's training trajectory (animated characters): its last two rows are lost,
        // one of their frames is gone, a half-written frame and a torn row are left behind
        List<String> lines = Files.readAllLines(resumed.resolve(DatasetManifest.FILE_NAME));
        List<DatasetFrame> rows = manifest.frames();
        int keep = 3 * FRAMES_PER_GAME + 1;
        assertEquals("arena", rows.get(keep).style());
        assertEquals(Split.TRAIN, rows.get(keep + 1).split());
        Files.write(resumed.resolve(DatasetManifest.FILE_NAME), lines.subList(0, keep));
        Files.writeString(resumed.resolve(DatasetManifest.FILE_NAME), "{\"file\":\"frames/ar",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path lost = resumed.resolve(rows.get(keep + 1).file());
        Files.delete(lost);
        Files.writeString(lost.resolveSibling(lost.getFileName() + ".tmp"), "partial");

        GamesDatasetGenerator.Result result = generate(resumed);
        assertEquals(keep, result.capture().framesAlreadyPresent());
        assertEquals(rows.size() - keep, result.capture().framesWritten());
        assertEquals(listing(dataset), listing(resumed), "the same files after resuming");
        for (String file : listing(dataset)) {
            assertArrayEquals(Files.readAllBytes(dataset.resolve(file)), Files.readAllBytes(resumed.resolve(file)),
                    file + " differs from the uninterrupted run's");
        }
        assertEquals(0, generate(resumed).capture().framesWritten(), "a complete dataset has nothing left to do");
    }

    private static List<DatasetFrame> framesOf(String game) {
        return manifest.frames().stream().filter(f -> f.style().equals(game)).toList();
    }

    /** The normalised RGB histogram of some frames, {@value #BINS} bins per channel. */
    private static double[] histogram(List<DatasetFrame> frames) throws IOException {
        double[] histogram = new double[BINS * BINS * BINS];
        long pixels = 0;
        for (DatasetFrame frame : frames) {
            BufferedImage image = ImageIO.read(manifest.imagePath(frame).toFile());
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int r = ((rgb >> 16) & 0xFF) * BINS / 256;
                    int g = ((rgb >> 8) & 0xFF) * BINS / 256;
                    int b = (rgb & 0xFF) * BINS / 256;
                    histogram[(r * BINS + g) * BINS + b]++;
                    pixels++;
                }
            }
        }
        for (int i = 0; i < histogram.length; i++) {
            histogram[i] /= pixels;
        }
        return histogram;
    }

    private static Set<String> listing(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }
}
