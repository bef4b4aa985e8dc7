package io.neuroframe.adapter.mea;

import io.neuroframe.api.LatentContract;

/**
 * A rectangle of latent tokens, start inclusive and end exclusive, that is allowed to stimulate.
 *
 * @param rowStart first token row
 * @param rowEnd one past the last token row
 * @param colStart first token column
 * @param colEnd one past the last token column
 */
public record TokenRegion(int rowStart, int rowEnd, int colStart, int colEnd) {

    public TokenRegion {
        if (rowStart < 0 || rowEnd > LatentContract.TOKEN_ROWS || rowStart >= rowEnd
                || colStart < 0 || colEnd > LatentContract.TOKEN_COLS || colStart >= colEnd) {
            throw new IllegalArgumentException("token region rows [" + rowStart + ", " + rowEnd + ") cols ["
                    + colStart + ", " + colEnd + ") must be non-empty and inside " + LatentContract.TOKEN_ROWS
                    + " x " + LatentContract.TOKEN_COLS);
        }
    }

    /** Every token of the latent frame. */
    public static TokenRegion all() {
        return new TokenRegion(0, LatentContract.TOKEN_ROWS, 0, LatentContract.TOKEN_COLS);
    }

    /** Whether token {@code token} (row-major index) lies inside. */
    public boolean contains(int token) {
        int row = token / LatentContract.TOKEN_COLS;
        int col = token % LatentContract.TOKEN_COLS;
        return row >= rowStart && row < rowEnd && col >= colStart && col < colEnd;
    }
}
