package io.neuroframe.adapter.mea;

/**
 * How the 18 x 32 latent token grid is laid onto the electrode grid: each token owns one stimulation site.
 *
 * <p>Token (r, c) of a {@code tokenRows x tokenCols} grid sits at electrode
 * ({@code floor((r + 0.5) * rowStep + rowOffset)}, {@code floor((c + 0.5) * colStep + colOffset)}).
 */
public enum SiteLayout {
    /**
     * Spread the token grid over the whole array (default): steps {@code rows / tokenRows} and
     * {@code cols / tokenCols}, i.e. 3.56 x 2 electrodes for 18 x 32 tokens on 64 x 64. Every part of the
     * culture is used; the image is squeezed vertically by 16:9 to 1:1.
     */
    SPREAD,
    /**
     * Keep the image's aspect ratio: one common step {@code min(rows / tokenRows, cols / tokenCols)}
     * (2 electrodes on 64 x 64), centred, so 18 x 32 tokens cover a 36 x 64 electrode band.
     */
    ASPECT_PRESERVING;

    /** Electrode index of every token's site, row-major over tokens. */
    public int[] siteElectrodes(MeaGeometry geometry, int tokenRows, int tokenCols) {
        if (tokenRows < 1 || tokenCols < 1 || tokenRows > geometry.rows() || tokenCols > geometry.cols()) {
            throw new IllegalArgumentException("a " + tokenRows + " x " + tokenCols + " token grid does not fit "
                    + geometry.rows() + " x " + geometry.cols() + " electrodes one site per electrode");
        }
        double rowStep = (double) geometry.rows() / tokenRows;
        double colStep = (double) geometry.cols() / tokenCols;
        double rowOffset = 0;
        double colOffset = 0;
        if (this == ASPECT_PRESERVING) {
            double step = Math.min(rowStep, colStep);
            rowOffset = (geometry.rows() - step * tokenRows) / 2;
            colOffset = (geometry.cols() - step * tokenCols) / 2;
            rowStep = step;
            colStep = step;
        }
        int[] sites = new int[tokenRows * tokenCols];
        for (int r = 0; r < tokenRows; r++) {
            int row = (int) Math.floor((r + 0.5) * rowStep + rowOffset);
            for (int c = 0; c < tokenCols; c++) {
                int col = (int) Math.floor((c + 0.5) * colStep + colOffset);
                sites[r * tokenCols + c] = geometry.index(row, col);
            }
        }
        return sites;
    }
}
