package io.neuroframe.codec.djl;

import io.neuroframe.api.LatentContract;

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
}
