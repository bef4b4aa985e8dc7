package io.neuroframe.shaders;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.renderer.RenderManager;
import com.jme3.scene.Geometry;
import com.jme3.scene.shape.Quad;

/**
 * Loads a material definition and compiles and links its default technique's shaders on the
 * current GL context, so a pass that the driver rejects is found before it is drawn (drawing it
 * would throw on the render thread every frame). Call it on the render thread.
 */
public final class ShaderProbe {

    /**
     * The outcome for one material definition.
     *
     * @param materialDefinition the asset path probed
     * @param compiled whether loading, compiling and linking succeeded
     * @param problem why not (the loader's or driver's message), empty when compiled
     */
    public record Result(String materialDefinition, boolean compiled, String problem) {
    }

    private ShaderProbe() {
    }

    /** Loads {@code materialDefinition} and compiles its shaders; never throws for a broken definition. */
    public static Result probe(AssetManager assets, RenderManager renderManager, String materialDefinition) {
        try {
            Geometry probe = new Geometry("shader probe", new Quad(1, 1));
            probe.setMaterial(new Material(assets, materialDefinition));
            renderManager.preloadScene(probe);
            return new Result(materialDefinition, true, "");
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": "
                    + e.getMessage();
            return new Result(materialDefinition, false, message);
        }
    }
}
