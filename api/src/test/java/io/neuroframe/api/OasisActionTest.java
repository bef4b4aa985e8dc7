package io.neuroframe.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OasisActionTest {

    @Test
    void layoutMatchesOasisKeyOrder() {
        assertEquals(25, OasisAction.SIZE);
        assertEquals("inventory", OasisAction.key(OasisAction.INVENTORY));
        assertEquals("hotbar.1", OasisAction.key(OasisAction.HOTBAR_1));
        assertEquals("hotbar.9", OasisAction.key(10));
        assertEquals("forward", OasisAction.key(OasisAction.FORWARD));
        assertEquals("right", OasisAction.key(OasisAction.RIGHT));
        assertEquals("cameraX", OasisAction.key(OasisAction.CAMERA_PITCH));
        assertEquals("cameraY", OasisAction.key(OasisAction.CAMERA_YAW));
        assertEquals("jump", OasisAction.key(OasisAction.JUMP));
        assertEquals("drop", OasisAction.key(OasisAction.DROP));
    }

    @Test
    void cameraIsQuantizedToHalfDegreeBucketsAndClamped() {
        assertEquals(0f, OasisAction.encodeCamera(0.2f));
        assertEquals(1f / 40, OasisAction.encodeCamera(0.5f));
        assertEquals(-3f / 40, OasisAction.encodeCamera(-1.4f));
        assertEquals(1f, OasisAction.encodeCamera(20f));
        assertEquals(1f, OasisAction.encodeCamera(95f));
        assertEquals(-1f, OasisAction.encodeCamera(-40f));
        assertEquals(10f, OasisAction.decodeCamera(OasisAction.encodeCamera(10f)), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> OasisAction.encodeCamera(Float.NaN));
    }

    @Test
    void builderSetsButtonsAndCamera() {
        OasisAction a = OasisAction.builder().forward().sprint().hotbar(3).look(-2f, 5f).build();
        float[] v = a.toArray();
        assertEquals(1f, v[OasisAction.FORWARD]);
        assertEquals(1f, v[OasisAction.SPRINT]);
        assertEquals(1f, v[4]);
        assertEquals(-4f / 40, v[OasisAction.CAMERA_PITCH]);
        assertEquals(10f / 40, v[OasisAction.CAMERA_YAW]);
        assertEquals(5f, a.yawDegrees(), 1e-6);
        assertTrue(a.isPressed(OasisAction.FORWARD));
        float sum = 0;
        for (float x : v) {
            sum += Math.abs(x);
        }
        assertEquals(3f + 14f / 40, sum, 1e-6);
        assertEquals(a, OasisAction.of(v));
    }

    @Test
    void rejectsBadVectorsNamingTheIndex() {
        float[] v = new float[25];
        v[OasisAction.JUMP] = 0.5f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OasisAction.of(v));
        assertTrue(e.getMessage().contains("17 (jump)"), e.getMessage());
        float[] cam = new float[25];
        cam[OasisAction.CAMERA_YAW] = 1.5f;
        assertThrows(IllegalArgumentException.class, () -> OasisAction.of(cam));
        assertThrows(IllegalArgumentException.class, () -> OasisAction.of(new float[24]));
        assertThrows(IllegalArgumentException.class, () -> OasisAction.builder().press(OasisAction.CAMERA_PITCH));
        assertThrows(IllegalArgumentException.class, () -> OasisAction.builder().hotbar(0));
    }

    @Test
    void copyToWritesInPlaceAndInstancesAreImmutable() {
        OasisAction a = OasisAction.builder().jump().build();
        float[] dst = new float[30];
        a.copyTo(dst, 5);
        assertEquals(1f, dst[5 + OasisAction.JUMP]);
        java.nio.FloatBuffer buffer = java.nio.FloatBuffer.allocate(30).position(3);
        a.copyTo(buffer);
        assertEquals(3 + OasisAction.SIZE, buffer.position(), "the buffer's position moves past the values");
        assertEquals(1f, buffer.get(3 + OasisAction.JUMP));
        a.toArray()[OasisAction.JUMP] = 0f;
        assertTrue(a.isPressed(OasisAction.JUMP));
        assertArrayEquals(new float[25], OasisAction.NONE.toArray());
        assertEquals("OasisAction[jump]", a.toString());
    }
}
