package io.neuroframe.demo.render;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Spatial;
import com.jme3.scene.shape.Sphere;
import io.neuroframe.demo.style.DayCycle;
import io.neuroframe.demo.style.Style;

/**
 * Owns the sky, the time of day and the light: a sky dome that follows the camera, and each frame the style's
 * zenith, horizon, sun and star colours for the current time, the terrain light and the fog (whose colour is the
 * horizon's, so distant terrain melts into the sky). Time advances by {@code tpf / dayLengthSeconds} unless frozen.
 */
public final class SkyState extends BaseAppState {
    private final Style style;
    private final TerrainMaterials terrain;
    private final float viewDistance;
    private final ColorRGBA zenith = new ColorRGBA();
    private final ColorRGBA horizon = new ColorRGBA();
    private final ColorRGBA light = new ColorRGBA();
    private final ColorRGBA sunColor = new ColorRGBA();
    private final Vector3f sunDirection = new Vector3f();
    private double time;
    private boolean frozen;
    private Geometry dome;
    private Material material;

    /**
     * @param viewDistance distance in blocks to the edge of the loaded terrain; the fog range is the style's
     *     fraction of it
     */
    public SkyState(Style style, TerrainMaterials terrain, float viewDistance) {
        this.style = style;
        this.terrain = terrain;
        this.viewDistance = viewDistance;
        this.time = style.timeOfDay();
        this.frozen = style.dayLengthSeconds() == 0;
        DayCycle.linear(style.sunColor(), sunColor);
    }

    /** Current time in days (0 midnight, 0.5 noon). */
    public double time() {
        return time;
    }

    /** Sets the time of day (days; wrapped to [0, 1)). */
    public void setTime(double days) {
        time = days - Math.floor(days);
        applyTime();
    }

    /** Stops or restarts the clock. */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    /** The current light colour on sky-facing faces (linear). */
    public ColorRGBA light() {
        return light.clone();
    }

    /** The current fog and horizon colour (linear). */
    public ColorRGBA fogColor() {
        return horizon.clone();
    }

    @Override
    protected void initialize(Application app) {
        Sphere sphere = new Sphere(24, 32, 10f, false, true);
        dome = new Geometry("sky", sphere);
        material = new Material(app.getAssetManager(), "NeuroFrame/Demo/Sky.j3md");
        dome.setMaterial(material);
        dome.setQueueBucket(RenderQueue.Bucket.Sky);
        dome.setCullHint(Spatial.CullHint.Never);
        dome.setShadowMode(RenderQueue.ShadowMode.Off);
        applyTime();
    }

    @Override
    protected void cleanup(Application app) {
        dome = null;
        material = null;
    }

    @Override
    protected void onEnable() {
        ((SimpleApplication) getApplication()).getRootNode().attachChild(dome);
    }

    @Override
    protected void onDisable() {
        dome.removeFromParent();
    }

    @Override
    public void update(float tpf) {
        if (!frozen && style.dayLengthSeconds() > 0) {
            setTime(time + tpf / style.dayLengthSeconds());
        }
        dome.setLocalTranslation(getApplication().getCamera().getLocation());
    }

    private void applyTime() {
        if (material == null) {
            return;
        }
        DayCycle.zenith(style, time, zenith);
        DayCycle.horizon(style, time, horizon);
        DayCycle.light(style, time, light);
        DayCycle.sunDirection(time, sunDirection);
        float night = 1f - DayCycle.daylight(time);
        material.setColor("Zenith", zenith);
        material.setColor("Horizon", horizon);
        material.setColor("SunColor", sunColor);
        material.setVector3("SunDirection", sunDirection);
        material.setFloat("StarBrightness", (float) (style.stars() * night));
        terrain.setLightAndFog(light, horizon, (float) (style.fogStart() * viewDistance),
                (float) (style.fogEnd() * viewDistance));
    }
}
