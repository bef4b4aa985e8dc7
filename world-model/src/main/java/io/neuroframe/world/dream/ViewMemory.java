package io.neuroframe.world.dream;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * What a dream has seen around the player, and where the player looks: a panorama of latent cells, a full turn wide,
 * that every frame is written into where the camera points.
 *
 * <p>The camera is followed as a world model with a view shift moves its frames ({@code WorldModelConfig#viewShift}):
 * a camera value of {@code u} units turns the view by {@code u * cellsPerUnit} cells, right for a turn right and down
 * for a look down, and a full turn ({@code 360 / OasisAction#CAMERA_MAX_DEGREES} units) comes back to the same cells.
 * The view's direction is kept exactly, but {@link #moveFrame} moves a frame by whole cells only: the fraction left
 * over is carried to the next move, so turning never blends neighbouring cells, which step after step would blur the
 * scene away.
 *
 * <p>When a move uncovers cells at the frame's edge, they are taken from the panorama if the dream has seen them
 * before, so turning back shows what was there. Columns never seen continue the scene with the columns that leave the
 * frame on the other side (the view wraps round the frame's width, so a long turn into the unknown shows the scene's
 * own texture, not one column drawn out into streaks); rows never seen repeat the frame's edge row (more sky above,
 * more ground below). The panorama reaches 90 degrees up and down; what is seen beyond is not remembered. Walking
 * does not move the panorama: what is remembered is the scene as it was last seen. Allocates nothing after
 * construction; one instance belongs to one thread.
 */
public final class ViewMemory {
    private static final int ROWS = LatentContract.TOKEN_ROWS;
    private static final int COLS = LatentContract.TOKEN_COLS;
    private static final int CHANNELS = LatentContract.CHANNELS;
    private static final float UNITS_PER_TURN = 360f / OasisAction.CAMERA_MAX_DEGREES;
    private static final float UNITS_PER_QUARTER_TURN = 90f / OasisAction.CAMERA_MAX_DEGREES;

    private final float cellsPerUnit;
    private final int width;
    private final int lookRange;
    private final int height;
    private final float[] cells;
    private final boolean[] seen;
    /** Where the camera points, in cells from the start: exact; the frame is at the nearest whole cells. */
    private double column;
    private double row;

    /**
     * @param cellsPerUnit latent cells the view moves per camera unit, the world model's view shift; a full turn
     *     must be at least a frame wide ({@value LatentContract#TOKEN_COLS} cells)
     * @throws IllegalArgumentException if a full turn is narrower than a frame, or the value is not finite
     */
    public ViewMemory(float cellsPerUnit) {
        if (!Float.isFinite(cellsPerUnit) || cellsPerUnit * UNITS_PER_TURN < COLS) {
            throw new IllegalArgumentException("view memory: a full turn at " + cellsPerUnit + " cells per camera unit is "
                    + cellsPerUnit * UNITS_PER_TURN + " cells, narrower than a frame's " + COLS
                    + "; it needs a view shift of at least " + COLS / UNITS_PER_TURN);
        }
        this.cellsPerUnit = cellsPerUnit;
        this.width = Math.round(cellsPerUnit * UNITS_PER_TURN);
        this.lookRange = (int) Math.ceil(cellsPerUnit * UNITS_PER_QUARTER_TURN);
        this.height = ROWS + 2 * lookRange;
        this.cells = new float[height * width * CHANNELS];
        this.seen = new boolean[height * width];
    }

    /** Forgets everything and starts at the centre, looking at {@code frame} (9216 floats from its position). */
    public void start(FloatBuffer frame) {
        Arrays.fill(seen, false);
        column = 0;
        row = 0;
        remember(frame);
    }

    /** Moves the view by the camera of {@code action}, the frame by the whole cells {@link #moveFrame} moves it. */
    public void move(OasisAction action) {
        column += action.get(OasisAction.CAMERA_YAW) * cellsPerUnit;
        row += action.get(OasisAction.CAMERA_PITCH) * cellsPerUnit;
    }

    /** Writes {@code frame} (9216 floats from its position, not moved) into the panorama where the frame is now. */
    public void remember(FloatBuffer frame) {
        int at = frame.position();
        int left = left();
        int panoramaTop = top() + lookRange;
        for (int r = Math.max(0, -panoramaTop); r < Math.min(ROWS, height - panoramaTop); r++) {
            for (int c = 0; c < COLS; c++) {
                int cell = (panoramaTop + r) * width + Math.floorMod(left + c, width);
                frame.get(at + (r * COLS + c) * CHANNELS, cells, cell * CHANNELS, CHANNELS);
                seen[cell] = true;
            }
        }
    }

    /**
     * Writes {@code frame} moved as the camera of {@code action} turns the view from here, by whole cells, into
     * {@code out}: each cell from where it was in {@code frame}, and the cells the move uncovers from the panorama
     * where it has seen them; else a column from the one that leaves the frame on the other side, a row from the
     * frame's edge row. Neither the view nor the panorama changes; both buffers are read and written from their
     * positions, which do not move, and must not be the same.
     */
    public void moveFrame(OasisAction action, FloatBuffer frame, FloatBuffer out) {
        int across = cellsAcross(action);
        int down = cellsDown(action);
        int left = left();
        int top = top();
        int in = frame.position();
        int to = out.position();
        for (int r = 0; r < ROWS; r++) {
            int rowBefore = r + down;
            int panoramaRow = top + down + lookRange + r;
            for (int c = 0; c < COLS; c++) {
                int columnBefore = c + across;
                int target = to + (r * COLS + c) * CHANNELS;
                if (rowBefore < 0 || rowBefore >= ROWS || columnBefore < 0 || columnBefore >= COLS) {
                    int cell = panoramaRow * width + Math.floorMod(left + across + c, width);
                    if (panoramaRow >= 0 && panoramaRow < height && seen[cell]) {
                        out.put(target, cells, cell * CHANNELS, CHANNELS);
                        continue;
                    }
                }
                int source = Math.max(0, Math.min(ROWS - 1, rowBefore)) * COLS + Math.floorMod(columnBefore, COLS);
                out.put(target, frame, in + source * CHANNELS, CHANNELS);
            }
        }
    }

    /** The frame's first column, in whole cells from the start: the one nearest to where the camera points. */
    private int left() {
        return (int) Math.round(column);
    }

    /** The frame's first row, likewise. */
    private int top() {
        return (int) Math.round(row);
    }

    /** Whole cells the frame moves across under {@code action}: to the cell nearest to where the camera will point. */
    private int cellsAcross(OasisAction action) {
        return (int) Math.round(column + action.get(OasisAction.CAMERA_YAW) * cellsPerUnit) - left();
    }

    /** Whole cells the frame moves down under {@code action}, likewise. */
    private int cellsDown(OasisAction action) {
        return (int) Math.round(row + action.get(OasisAction.CAMERA_PITCH) * cellsPerUnit) - top();
    }
}
