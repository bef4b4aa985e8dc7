package io.neuroframe.codec.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AxialRopeTest {

    private static final AxialRope ROPE = AxialRope.forHeadDim(64);

    @Test
    void linspaceFollowsPytorchFloatFormula() {
        assertArrayEquals(new float[] {1, 42, 83, 124, 165, 206, 247, 288}, AxialRope.linspace(1f, 288f, 8));
        float[] rows = AxialRope.linspace(-1f, 1f, 18);
        assertEquals(-1f, rows[0]);
        assertEquals(1f, rows[17]);
        float step = 2f / 17;
        assertEquals(-1f + step * 8, rows[8]);
        assertEquals(1f - step * 8, rows[9]);
    }

    @Test
    void halfOfEachHeadIsRotated() {
        assertEquals(576, ROPE.tokens());
        assertEquals(32, ROPE.rotaryDims());
        assertEquals(576 * 32, ROPE.cos().length);
    }

    @Test
    void firstSixteenDimsFollowTheRowAndNextSixteenTheColumn() {
        // token (row 0, col 0): every position is -1, so the angle of pair k of either axis is -f_k.
        // f_0 = pi, so the first pair of both axes sits at angle -pi.
        assertEquals(-1f, ROPE.cos()[0], 1e-6f);
        assertEquals(-1f, ROPE.cos()[16], 1e-6f);
        for (int col = 0; col < 32; col++) {
            for (int j = 0; j < 16; j++) {
                assertEquals(ROPE.cos()[j], ROPE.cos()[col * 32 + j], "row dims must not depend on the column");
            }
        }
        for (int row = 0; row < 18; row++) {
            for (int j = 16; j < 32; j++) {
                assertEquals(ROPE.sin()[j], ROPE.sin()[row * 32 * 32 + j], "column dims must not depend on the row");
            }
        }
    }

    @Test
    void eachFrequencyServesAnAdjacentPair() {
        for (int token = 0; token < 576; token++) {
            for (int j = 0; j < 32; j += 2) {
                assertEquals(ROPE.cos()[token * 32 + j], ROPE.cos()[token * 32 + j + 1]);
                assertEquals(ROPE.sin()[token * 32 + j], ROPE.sin()[token * 32 + j + 1]);
            }
        }
    }

    @Test
    void angleOfSecondRowIsItsPositionTimesFrequency() {
        // row 1 sits at linspace(-1, 1, 18)[1] = -1 + 2/17; pair 1 of the row axis has f = 42 * pi.
        float pos = -1f + 2f / 17;
        float freq = 42f * (float) Math.PI;
        int token = 32; // row 1, col 0
        assertEquals((float) Math.cos(pos * freq), ROPE.cos()[token * 32 + 2]);
        assertEquals((float) Math.sin(pos * freq), ROPE.sin()[token * 32 + 2]);
        // column 31 sits at +1; pair 7 of the column axis has f = 288 * pi.
        int lastCol = 31;
        assertEquals((float) Math.cos(288f * (float) Math.PI), ROPE.cos()[lastCol * 32 + 16 + 14]);
    }

    @Test
    void rotatesInterleavedPairsAndLeavesTheSecondHalfAlone() {
        float[] x = new float[64];
        for (int i = 0; i < 64; i++) {
            x[i] = i + 1;
        }
        float[] original = x.clone();
        int token = 5 * 32 + 7;
        ROPE.rotate(x, 0, token);
        for (int j = 0; j < 32; j += 2) {
            float c = ROPE.cos()[token * 32 + j];
            float s = ROPE.sin()[token * 32 + j];
            assertEquals(original[j] * c - original[j + 1] * s, x[j], 1e-5f);
            assertEquals(original[j + 1] * c + original[j] * s, x[j + 1], 1e-5f);
        }
        for (int j = 32; j < 64; j++) {
            assertEquals(original[j], x[j]);
        }
    }

    @Test
    void attentionScoresDependOnlyOnTheOffsetBetweenTokens() {
        // Positions are evenly spaced, so rotating q at p and k at p' gives a q.k that depends on p - p' only.
        SplittableRandom random = new SplittableRandom(3);
        float[] q = new float[64];
        float[] k = new float[64];
        for (int i = 0; i < 64; i++) {
            q[i] = (float) random.nextGaussian();
            k[i] = (float) random.nextGaussian();
        }
        float near = score(q, k, 2, 3, 4, 9);
        float shifted = score(q, k, 12, 20, 14, 26);
        assertEquals(near, shifted, 1e-3f);
    }

    private static float score(float[] q, float[] k, int qRow, int qCol, int kRow, int kCol) {
        float[] a = q.clone();
        float[] b = k.clone();
        ROPE.rotate(a, 0, qRow * 32 + qCol);
        ROPE.rotate(b, 0, kRow * 32 + kCol);
        float dot = 0;
        for (int i = 0; i < 64; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
