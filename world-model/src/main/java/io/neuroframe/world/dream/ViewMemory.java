package io.neuroframe.world.dream;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * What a dream has seen around the player: a panorama of latent cells, a full turn wide, that every frame is written
 * into where the camera looks. When a turn or a look uncovers cells at the frame's edge, the frame's cells there are
 * taken from the panorama if the dream has seen them before, so turning back shows what was there; cells never seen
 * get the frame's own content reflected at the edge of the part that stayed in view, so an uncovered edge carries
 * the scene's texture instead of one column repeated.
 *
 * <p>The camera is followed as a world model with a view shift moves its frames ({@code WorldModelConfig#viewShift}):
 * a camera value of {@code u} units moves the view by {@code u * cellsPerUnit} cells, right for a turn right and
 * down for a look down, and a full turn ({@code 360 / OasisAction#CAMERA_MAX_DEGREES} units) comes back to the same
 * cells. The view's position is kept to a fraction of a cell and frames are written at the nearest whole cell. Looks
 * are held within 90 degrees up and down. Walking does not move the panorama: what is remembered is the scene as it
 * was last seen. Allocates nothing after construction; one instance belongs to one thread.
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
    private final float[] cells;
    private final boolean[] seen;
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
        int height = ROWS + 2 * lookRange;
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

    /** Moves the view by the camera of {@code action}. */
    public void move(OasisAction action) {
        column = columnAfter(action);
        row = rowAfter(action);
    }

    /** Writes {@code frame} (9216 floats from its position, not moved) into the panorama where the view is now. */
    public void remember(FloatBuffer frame) {
        int at = frame.position();
        int left = (int) Math.round(column);
        int top = (int) Math.round(row) + lookRange;
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int cell = (top + r) * width + Math.floorMod(left + c, width);
                frame.get(at + (r * COLS + c) * CHANNELS, cells, cell * CHANNELS, CHANNELS);
                seen[cell] = true;
            }
        }
    }

    /**
     * Writes {@code frame} (reached by {@code action} from where the view is now) into {@code out} with the cells the
     * move uncovers filled in: from the panorama where it has seen them, else reflected from the part of
     * {@code frame} that stayed in view. Neither the view nor the panorama changes; both buffers are read and written
     * from their positions, which do not move.
     */
    public void fillUncovered(OasisAction action, FloatBuffer frame, FloatBuffer out) {
        int fromLeft = (int) Math.round(column);
        int fromTop = (int) Math.round(row);
        int left = (int) Math.round(columnAfter(action));
        int top = (int) Math.round(rowAfter(action));
        int in = frame.position();
        int to = out.position();
        for (int r = 0; r < ROWS; r++) {
            int rowBefore = top + r - fromTop;
            for (int c = 0; c < COLS; c++) {
                int columnBefore = left + c - fromLeft;
                int source = r * COLS + c;
                if (rowBefore < 0 || rowBefore >= ROWS || columnBefore < 0 || columnBefore >= COLS) {
                    int cell = (top + lookRange + r) * width + Math.floorMod(left + c, width);
                    if (seen[cell]) {
                        out.put(to + source * CHANNELS, cells, cell * CHANNELS, CHANNELS);
                        continue;
                    }
                    source = stayedInView(rowBefore, ROWS, fromTop - top) * COLS + stayedInView(columnBefore, COLS, fromLeft - left);
                }
                out.put(to + (r * COLS + c) * CHANNELS, frame, in + source * CHANNELS, CHANNELS);
            }
        }
    }

    /**
     * The index in the new frame whose content a cell at {@code before} (its index in the old frame, outside it or
     * not) is reflected from: the old frame's edge mirrors what lies beyond it, then {@code shift} (old index minus
     * new) takes it to the new frame, held inside it.
     */
    private static int stayedInView(int before, int n, int shift) {
        int mirrored = before < 0 ? -before - 1 : before >= n ? 2 * n - 1 - before : before;
        return Math.max(0, Math.min(n - 1, mirrored + shift));
    }

    private double columnAfter(OasisAction action) {
        return column + action.get(OasisAction.CAMERA_YAW) * cellsPerUnit;
    }

    private double rowAfter(OasisAction action) {
        return Math.max(-lookRange, Math.min(lookRange, row + action.get(OasisAction.CAMERA_PITCH) * cellsPerUnit));
    }
}
