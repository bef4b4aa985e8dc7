package io.neuroframe.demo.render;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.texture.Texture2D;

/**
 * The two terrain materials (opaque and translucent) sharing one atlas and one set of light and fog values.
 * Colours given here are linear light.
 */
public final class TerrainMaterials {
    private final Material opaque;
    private final Material translucent;

    public TerrainMaterials(AssetManager assets, Texture2D atlas) {
        opaque = create(assets, atlas);
        translucent = create(assets, atlas);
        translucent.getAdditionalRenderState().setBlendMode(RenderState.BlendMode.Alpha);
        translucent.getAdditionalRenderState().setDepthWrite(false);
        translucent.getAdditionalRenderState().setFaceCullMode(RenderState.FaceCullMode.Off);
    }

    private static Material create(AssetManager assets, Texture2D atlas) {
        Material m = new Material(assets, "NeuroFrame/Demo/Voxel.j3md");
        m.setTexture("Atlas", atlas);
        m.setColor("LightColor", ColorRGBA.White);
        m.setColor("FogColor", ColorRGBA.Gray);
        m.setFloat("FogStart", 32f);
        m.setFloat("FogEnd", 64f);
        return m;
    }

    /** Material for faces drawn without blending. */
    public Material opaque() {
        return opaque;
    }

    /** Material for water, drawn blended in the transparent bucket. */
    public Material translucent() {
        return translucent;
    }

    /** Sets the light on faces turned to the sky, the fog colour and the fog range in blocks from the eye. */
    public void setLightAndFog(ColorRGBA light, ColorRGBA fog, float fogStart, float fogEnd) {
        for (Material m : new Material[] {opaque, translucent}) {
            m.setColor("LightColor", light);
            m.setColor("FogColor", fog);
            m.setFloat("FogStart", fogStart);
            m.setFloat("FogEnd", fogEnd);
        }
    }
}
