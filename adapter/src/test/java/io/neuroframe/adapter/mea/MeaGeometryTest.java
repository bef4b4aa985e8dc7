package io.neuroframe.adapter.mea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MeaGeometryTest {

    @Test
    void standardArrayHas4096ElectrodesAt42Micrometres() {
        MeaGeometry g = MeaGeometry.standard();
        assertEquals(4096, g.electrodes());
        assertEquals(42.0, g.pitchUm());
        assertEquals(63 * 42.0, g.widthUm(), 1e-9);
    }

    @Test
    void indicesAreRowMajorAndCoordinatesFollowThePitch() {
        MeaGeometry g = new MeaGeometry(64, 64, 60.0);
        int e = g.index(3, 5);
        assertEquals(3 * 64 + 5, e);
        assertEquals(3, g.row(e));
        assertEquals(5, g.col(e));
        assertEquals(300.0, g.xUm(e), 1e-9);
        assertEquals(180.0, g.yUm(e), 1e-9);
        assertEquals(5.0, g.distancePitches(g.index(0, 0), g.index(3, 4)), 1e-9);
        assertEquals(300.0, g.distanceUm(g.index(0, 0), g.index(3, 4)), 1e-9);
    }

    @Test
    void nearestElectrodeRoundsAndClampsToTheArray() {
        MeaGeometry g = MeaGeometry.standard();
        assertEquals(g.index(1, 2), g.nearestElectrode(2 * 42 + 20, 42 - 20));
        assertEquals(g.index(0, 63), g.nearestElectrode(1e6, -1e6));
    }

    @Test
    void rejectsNonPositivePitchAndOutOfRangeIndices() {
        assertThrows(IllegalArgumentException.class, () -> new MeaGeometry(64, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> new MeaGeometry(0, 64, 42));
        assertThrows(IndexOutOfBoundsException.class, () -> MeaGeometry.standard().index(64, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> MeaGeometry.standard().row(4096));
    }
}
