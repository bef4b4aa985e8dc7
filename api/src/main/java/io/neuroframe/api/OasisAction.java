package io.neuroframe.api;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One frame of player input in the 25-value layout of the Oasis world model (the one-hot
 * action vector of open-oasis, derived from OpenAI's VPT recordings).
 *
 * <p>Layout, index: meaning
 * <pre>
 *   0 inventory     1 ESC          2..10 hotbar 1..9
 *  11 forward      12 back        13 left         14 right
 *  15 camera "x"   16 camera "y"  17 jump         18 sneak        19 sprint
 *  20 swap hands   21 attack      22 use          23 pick item    24 drop
 * </pre>
 * Buttons are 0 (up) or 1 (held). The two camera values are the frame's change of view in
 * [-1, 1]. Oasis calls them {@code cameraX} and {@code cameraY}, but they carry VPT's camera
 * action {@code [pitch, yaw]}: index {@link #CAMERA_PITCH} (15) is the vertical look (from the
 * mouse's dy; positive looks down) and index {@link #CAMERA_YAW} (16) is the horizontal turn
 * (from the mouse's dx; positive turns right). A change in degrees is quantized to buckets of
 * {@link #CAMERA_BUCKET_DEGREES} degrees, {@code bucket = 40 + round(degrees / 0.5)} clamped to
 * [0, 80], and stored as {@code (bucket - 40) / 40}; so +-20 degrees is the largest encodable
 * change per frame.
 *
 * <p>Instances are immutable; make them with {@link #builder()} or {@link #of(float[])}.
 */
public final class OasisAction {
    /** Values in one action vector. */
    public static final int SIZE = 25;

    public static final int INVENTORY = 0;
    public static final int ESC = 1;
    /** Index of hotbar slot 1; slot {@code n} (1..9) is at {@code HOTBAR_1 + n - 1}. */
    public static final int HOTBAR_1 = 2;
    public static final int FORWARD = 11;
    public static final int BACK = 12;
    public static final int LEFT = 13;
    public static final int RIGHT = 14;
    /** Vertical look change (Oasis's {@code cameraX}; VPT camera[0]); positive looks down. */
    public static final int CAMERA_PITCH = 15;
    /** Horizontal turn (Oasis's {@code cameraY}; VPT camera[1]); positive turns right. */
    public static final int CAMERA_YAW = 16;
    public static final int JUMP = 17;
    public static final int SNEAK = 18;
    public static final int SPRINT = 19;
    public static final int SWAP_HANDS = 20;
    public static final int ATTACK = 21;
    public static final int USE = 22;
    public static final int PICK_ITEM = 23;
    public static final int DROP = 24;

    /** Width of one camera bucket in degrees. */
    public static final float CAMERA_BUCKET_DEGREES = 0.5f;
    /** Buckets on either side of "no change". */
    public static final int CAMERA_BUCKETS = 40;
    /** Largest encodable camera change per frame in degrees (20). */
    public static final float CAMERA_MAX_DEGREES = CAMERA_BUCKETS * CAMERA_BUCKET_DEGREES;

    /** Oasis's names of the 25 values, in order. */
    private static final String[] KEYS = {
        "inventory", "ESC", "hotbar.1", "hotbar.2", "hotbar.3", "hotbar.4", "hotbar.5", "hotbar.6",
        "hotbar.7", "hotbar.8", "hotbar.9", "forward", "back", "left", "right", "cameraX", "cameraY",
        "jump", "sneak", "sprint", "swapHands", "attack", "use", "pickItem", "drop",
    };

    /** No input at all: every button up, no camera change. */
    public static final OasisAction NONE = new OasisAction(new float[SIZE]);

    private final float[] values;

    private OasisAction(float[] values) {
        this.values = values;
    }

    /**
     * Wraps a copy of a 25-value vector after checking it: buttons must be 0 or 1, camera values
     * finite and within [-1, 1].
     *
     * @throws IllegalArgumentException naming the first bad index and its Oasis key
     */
    public static OasisAction of(float[] vector) {
        if (vector == null || vector.length != SIZE) {
            throw new IllegalArgumentException("action vector: expected " + SIZE + " values, got "
                    + (vector == null ? "null" : vector.length));
        }
        for (int i = 0; i < SIZE; i++) {
            float v = vector[i];
            boolean ok = isCamera(i) ? Float.isFinite(v) && Math.abs(v) <= 1f : v == 0f || v == 1f;
            if (!ok) {
                throw new IllegalArgumentException("action vector index " + i + " (" + KEYS[i] + "): "
                        + (isCamera(i) ? "expected a camera value in [-1, 1]" : "expected 0 or 1") + ", got " + v);
            }
        }
        return new OasisAction(vector.clone());
    }

    /** A builder starting from no input. */
    public static Builder builder() {
        return new Builder();
    }

    /** Oasis's name for value {@code index}, e.g. {@code "forward"} or {@code "cameraX"}. */
    public static String key(int index) {
        return KEYS[index];
    }

    /** Whether {@code index} is one of the two camera values (the rest are buttons). */
    public static boolean isCamera(int index) {
        return index == CAMERA_PITCH || index == CAMERA_YAW;
    }

    /**
     * Encodes a camera change in degrees as Oasis does: quantized to 0.5-degree buckets,
     * clamped to +-20 degrees, scaled to [-1, 1].
     */
    public static float encodeCamera(float degrees) {
        if (!Float.isFinite(degrees)) {
            throw new IllegalArgumentException("camera change must be finite, got " + degrees);
        }
        int offset = Math.round(degrees / CAMERA_BUCKET_DEGREES);
        int clamped = Math.max(-CAMERA_BUCKETS, Math.min(CAMERA_BUCKETS, offset));
        return clamped / (float) CAMERA_BUCKETS;
    }

    /** Inverse of {@link #encodeCamera} up to quantization: a camera value in [-1, 1] to degrees. */
    public static float decodeCamera(float value) {
        return value * CAMERA_MAX_DEGREES;
    }

    /** Value {@code index} (0..24). */
    public float get(int index) {
        return values[index];
    }

    /** Whether button {@code index} is held. */
    public boolean isPressed(int index) {
        if (isCamera(index)) {
            throw new IllegalArgumentException("index " + index + " (" + KEYS[index] + ") is a camera value, not a button");
        }
        return values[index] == 1f;
    }

    /** Vertical look change in degrees (quantized), positive looks down. */
    public float pitchDegrees() {
        return decodeCamera(values[CAMERA_PITCH]);
    }

    /** Horizontal turn in degrees (quantized), positive turns right. */
    public float yawDegrees() {
        return decodeCamera(values[CAMERA_YAW]);
    }

    /** Writes the 25 values into {@code dst} from {@code offset}; allocates nothing. */
    public void copyTo(float[] dst, int offset) {
        System.arraycopy(values, 0, dst, offset, SIZE);
    }

    /** Puts the 25 values into {@code dst} at its position, which moves past them; allocates nothing. */
    public void copyTo(FloatBuffer dst) {
        dst.put(values);
    }

    /** A fresh copy of the 25 values. */
    public float[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OasisAction other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** Lists the active values by Oasis name, e.g. {@code OasisAction[forward, cameraY=0.25]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("OasisAction[");
        boolean first = true;
        for (int i = 0; i < SIZE; i++) {
            if (values[i] != 0f) {
                sb.append(first ? "" : ", ").append(KEYS[i]);
                if (isCamera(i)) {
                    sb.append('=').append(values[i]);
                }
                first = false;
            }
        }
        return sb.append(']').toString();
    }

    /** Collects one frame's input; each method returns the builder. Not thread-safe. */
    public static final class Builder {
        private final float[] values = new float[SIZE];

        private Builder() {
        }

        /** Holds button {@code index} (any index but the two camera values). */
        public Builder press(int index) {
            if (index < 0 || index >= SIZE) {
                throw new IllegalArgumentException("action index must be in [0, " + SIZE + "), got " + index);
            }
            if (isCamera(index)) {
                throw new IllegalArgumentException("index " + index + " (" + KEYS[index]
                        + ") is a camera value; use look(pitchDegrees, yawDegrees)");
            }
            values[index] = 1f;
            return this;
        }

        /** Selects hotbar slot {@code slot} (1..9). */
        public Builder hotbar(int slot) {
            if (slot < 1 || slot > 9) {
                throw new IllegalArgumentException("hotbar slot must be in [1, 9], got " + slot);
            }
            return press(HOTBAR_1 + slot - 1);
        }

        public Builder forward() {
            return press(FORWARD);
        }

        public Builder back() {
            return press(BACK);
        }

        public Builder left() {
            return press(LEFT);
        }

        public Builder right() {
            return press(RIGHT);
        }

        public Builder jump() {
            return press(JUMP);
        }

        public Builder sneak() {
            return press(SNEAK);
        }

        public Builder sprint() {
            return press(SPRINT);
        }

        public Builder attack() {
            return press(ATTACK);
        }

        public Builder use() {
            return press(USE);
        }

        /**
         * Sets this frame's change of view in degrees, encoded with {@link #encodeCamera}.
         *
         * @param pitchDegrees vertical change, positive looks down
         * @param yawDegrees horizontal change, positive turns right
         */
        public Builder look(float pitchDegrees, float yawDegrees) {
            values[CAMERA_PITCH] = encodeCamera(pitchDegrees);
            values[CAMERA_YAW] = encodeCamera(yawDegrees);
            return this;
        }

        public OasisAction build() {
            return new OasisAction(values.clone());
        }
    }
}
