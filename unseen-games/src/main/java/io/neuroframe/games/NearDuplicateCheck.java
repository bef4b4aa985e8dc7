package io.neuroframe.games;

import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.Split;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Verifies that no validation frame is a near-duplicate of a training frame of the same game: every frame is
 * shrunk to a {@value #THUMB_WIDTH}x{@value #THUMB_HEIGHT} thumbnail (box average, RGB in [0, 1]) and each
 * validation thumbnail must differ from every training thumbnail by a mean absolute difference of at least
 * {@value #MIN_DISTANCE}.
 */
public final class NearDuplicateCheck {
    /** Thumbnail width in pixels (a 20x20 box of a 640x360 frame per pixel). */
    public static final int THUMB_WIDTH = 32;
    /** Thumbnail height in pixels. */
    public static final int THUMB_HEIGHT = 18;
    /** Smallest allowed mean absolute difference between a validation and a training thumbnail. */
    public static final double MIN_DISTANCE = 0.02;

    /** The closest training frame to any validation frame of one game. */
    public record Closest(String game, String validationFile, String trainFile, double distance) {
    }

    private NearDuplicateCheck() {
    }

    /**
     * Checks every game of a dataset.
     *
     * @return per game (in manifest order) its closest validation/training pair
     * @throws IllegalStateException naming both files and their distance when a pair is closer than
     *     {@value #MIN_DISTANCE}, or when a game lacks training or validation frames
     * @throws IOException when a frame cannot be read
     */
    public static Map<String, Closest> verify(DatasetManifest manifest) throws IOException {
        Map<String, Closest> closest = new LinkedHashMap<>();
        for (String game : gamesInOrder(manifest)) {
            List<DatasetFrame> train = framesOf(manifest, game, Split.TRAIN);
            List<DatasetFrame> validation = framesOf(manifest, game, Split.VALIDATION);
            if (train.isEmpty() || validation.isEmpty()) {
                throw new IllegalStateException("game " + game + " in " + manifest.folder() + " has "
                        + train.size() + " training and " + validation.size()
                        + " validation frames; the check needs both");
            }
            List<float[]> trainThumbs = new ArrayList<>();
            for (DatasetFrame f : train) {
                trainThumbs.add(thumbnail(manifest.imagePath(f)));
            }
            Closest best = null;
            for (DatasetFrame v : validation) {
                float[] thumb = thumbnail(manifest.imagePath(v));
                for (int i = 0; i < train.size(); i++) {
                    double d = distance(thumb, trainThumbs.get(i));
                    if (best == null || d < best.distance()) {
                        best = new Closest(game, v.file(), train.get(i).file(), d);
                    }
                }
            }
            if (best.distance() < MIN_DISTANCE) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "validation frame %s is a near-duplicate of training frame %s in %s: mean absolute "
                                + "difference of their %dx%d thumbnails %.4f, the minimum is %.4f",
                        best.validationFile(), best.trainFile(), manifest.folder(), THUMB_WIDTH, THUMB_HEIGHT,
                        best.distance(), MIN_DISTANCE));
            }
            closest.put(game, best);
        }
        return closest;
    }

    /** The box-averaged RGB thumbnail of a PNG, row-major, three values per pixel in [0, 1]. */
    static float[] thumbnail(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            throw new IOException("not a readable image: " + png);
        }
        float[] thumb = new float[THUMB_WIDTH * THUMB_HEIGHT * 3];
        int width = image.getWidth();
        int height = image.getHeight();
        for (int y = 0; y < height; y++) {
            int ty = y * THUMB_HEIGHT / height;
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int t = (ty * THUMB_WIDTH + x * THUMB_WIDTH / width) * 3;
                thumb[t] += (rgb >> 16) & 0xFF;
                thumb[t + 1] += (rgb >> 8) & 0xFF;
                thumb[t + 2] += rgb & 0xFF;
            }
        }
        float scale = (float) THUMB_WIDTH * THUMB_HEIGHT / ((float) width * height * 255f);
        for (int i = 0; i < thumb.length; i++) {
            thumb[i] *= scale;
        }
        return thumb;
    }

    /** Mean absolute difference of two thumbnails. */
    static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    private static List<String> gamesInOrder(DatasetManifest manifest) {
        return manifest.frames().stream().map(DatasetFrame::style).distinct().toList();
    }

    private static List<DatasetFrame> framesOf(DatasetManifest manifest, String game, Split split) {
        return manifest.frames(split).stream().filter(f -> f.style().equals(game)).toList();
    }
}
