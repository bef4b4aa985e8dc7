package io.neuroframe.codec.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.neuroframe.api.LatentContract;
import java.util.List;

/**
 * A rectangle of whole tokens in the 18 x 32 token grid of a full frame.
 *
 * <p>The model attends within the window, and each token keeps the rotary position it has in
 * the full frame, so a model trained on windows (random crops) decodes full frames with the
 * positions it learned.
 *
 * @param row first token row in the full grid
 * @param col first token column in the full grid
 * @param rows token rows in the window
 * @param cols token columns in the window
 */
public record TokenWindow(int row, int col, int rows, int cols) {
    /** The whole frame. */
    public static final TokenWindow FULL = new TokenWindow(0, 0, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS);

    public TokenWindow {
        if (rows <= 0 || cols <= 0 || row < 0 || col < 0
                || row + rows > LatentContract.TOKEN_ROWS || col + cols > LatentContract.TOKEN_COLS) {
            throw new IllegalArgumentException("token window (row " + row + ", col " + col + ", " + rows + "x" + cols
                    + ") must lie inside the " + LatentContract.TOKEN_ROWS + "x" + LatentContract.TOKEN_COLS + " token grid");
        }
    }

    /** Tokens in the window. */
    public int tokens() {
        return rows * cols;
    }

    /** Index in the full grid of the window's {@code i}-th token (row-major within the window). */
    public int fullGridToken(int i) {
        return (row + i / cols) * LatentContract.TOKEN_COLS + col + i % cols;
    }

    /** Height of the window in pixels. */
    public int pixelHeight() {
        return rows * LatentContract.PATCH_SIZE;
    }

    /** Width of the window in pixels. */
    public int pixelWidth() {
        return cols * LatentContract.PATCH_SIZE;
    }

    /**
     * Each latent's window of tokens, {@code (B, window tokens, channels)}, from latents {@code (B, 576, channels)} or
     * {@code (B, 18, 32, channels)} (tokens row-major); the latents themselves when every window is {@link #FULL}.
     * Gradients flow through.
     */
    public static NDArray crop(NDArray latents, List<TokenWindow> windows) {
        if (windows.stream().allMatch(FULL::equals)) {
            return latents;
        }
        long channels = latents.getShape().get(latents.getShape().dimension() - 1);
        NDList crops = new NDList(windows.size());
        for (int b = 0; b < windows.size(); b++) {
            TokenWindow w = windows.get(b);
            crops.add(latents.get(b).reshape(LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, channels)
                    .get(new NDIndex("{}:{}, {}:{}", w.row(), w.row() + w.rows(), w.col(), w.col() + w.cols()))
                    .reshape(w.tokens(), channels));
        }
        return NDArrays.stack(crops);
    }
}
