package io.neuroframe.adapter.mea;

/**
 * A square-grid multi-electrode array: {@code rows x cols} electrodes at a fixed pitch.
 *
 * <p>Electrodes are numbered row-major, {@code index = row * cols + col}, the numbering 3Brain uses for
 * its channel indices. Coordinates are electrode centres in micrometres with electrode (0, 0) at the origin.
 *
 * @param rows electrode rows, at least 1
 * @param cols electrode columns, at least 1
 * @param pitchUm centre-to-centre distance of neighbouring electrodes in micrometres, positive
 */
public record MeaGeometry(int rows, int cols, double pitchUm) {

    /** Pitch of the default array in micrometres (a common high-density CMOS array). */
    public static final double DEFAULT_PITCH_UM = 42.0;

    public MeaGeometry {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rows and cols must be at least 1, got " + rows + " x " + cols);
        }
        if (!(pitchUm > 0) || Double.isInfinite(pitchUm)) {
            throw new IllegalArgumentException("pitchUm must be a positive finite number, got " + pitchUm);
        }
    }

    /** The 64 x 64 array at 42 um pitch that the reference work used. */
    public static MeaGeometry standard() {
        return new MeaGeometry(64, 64, DEFAULT_PITCH_UM);
    }

    /** Number of electrodes. */
    public int electrodes() {
        return rows * cols;
    }

    /** Electrode index of ({@code row}, {@code col}). */
    public int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("electrode (" + row + ", " + col + ") outside " + rows + " x " + cols);
        }
        return row * cols + col;
    }

    /** Row of electrode {@code index}. */
    public int row(int index) {
        checkIndex(index);
        return index / cols;
    }

    /** Column of electrode {@code index}. */
    public int col(int index) {
        checkIndex(index);
        return index % cols;
    }

    /** x coordinate (along columns) of electrode {@code index} in micrometres. */
    public double xUm(int index) {
        return col(index) * pitchUm;
    }

    /** y coordinate (along rows) of electrode {@code index} in micrometres. */
    public double yUm(int index) {
        return row(index) * pitchUm;
    }

    /** Width of the array (first to last electrode centre) in micrometres. */
    public double widthUm() {
        return (cols - 1) * pitchUm;
    }

    /** Height of the array (first to last electrode centre) in micrometres. */
    public double heightUm() {
        return (rows - 1) * pitchUm;
    }

    /** Euclidean distance between two electrode centres in micrometres. */
    public double distanceUm(int a, int b) {
        return Math.hypot(xUm(a) - xUm(b), yUm(a) - yUm(b));
    }

    /** Euclidean distance between two electrode centres in electrode pitches. */
    public double distancePitches(int a, int b) {
        return Math.hypot(col(a) - col(b), row(a) - row(b));
    }

    /** Index of the electrode nearest to the point ({@code xUm}, {@code yUm}), clamped to the array. */
    public int nearestElectrode(double xUm, double yUm) {
        int col = (int) Math.round(xUm / pitchUm);
        int row = (int) Math.round(yUm / pitchUm);
        return index(Math.max(0, Math.min(rows - 1, row)), Math.max(0, Math.min(cols - 1, col)));
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= rows * cols) {
            throw new IndexOutOfBoundsException("electrode " + index + " outside 0.." + (rows * cols - 1));
        }
    }
}
