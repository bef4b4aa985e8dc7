package io.neuroframe.games;

import com.jme3.collision.CollisionResults;
import com.jme3.math.FastMath;
import com.jme3.math.Ray;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;

/** Keeps players out of walls and columns: ray casts around an eye position against the solid part of a level. */
final class Clearance {
    private static final int DIRECTIONS = 8;

    private Clearance() {
    }

    /** Whether any surface of {@code solid} lies within {@code radius} of {@code eye}, looking horizontally around. */
    static boolean isNearSurface(Spatial solid, Vector3f eye, float radius) {
        CollisionResults hits = new CollisionResults();
        for (int i = 0; i < DIRECTIONS; i++) {
            float angle = i * FastMath.TWO_PI / DIRECTIONS;
            Ray ray = new Ray(eye, new Vector3f(FastMath.cos(angle), 0, FastMath.sin(angle)));
            ray.setLimit(radius);
            hits.clear();
            if (solid.collideWith(ray, hits) > 0 && hits.getClosestCollision().getDistance() < radius) {
                return true;
            }
        }
        return false;
    }

    /**
     * The height of the first surface below {@code from}.
     *
     * @throws IllegalStateException naming the level and the point when there is none
     */
    static float groundBelow(Spatial solid, Vector3f from) {
        CollisionResults hits = new CollisionResults();
        solid.collideWith(new Ray(from, Vector3f.UNIT_Y.negate()), hits);
        if (hits.size() == 0) {
            throw new IllegalStateException(solid.getName() + ": no ground below " + from);
        }
        return hits.getClosestCollision().getContactPoint().y;
    }
}
