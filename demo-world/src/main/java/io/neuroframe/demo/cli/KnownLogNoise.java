package io.neuroframe.demo.cli;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Log lines that every run of the command line would print and that say nothing about the run: jME's
 * warnings for the asset loaders of plugins this project does not ship (Ogre, FBX, glTF, Ogg), and DJL's
 * probe for a CUDA GPU and its start-up notes on a CPU-only PyTorch. Other warnings of those loggers pass.
 */
final class KnownLogNoise {
    /** The loaders jME's default asset configuration names from modules that are not on the classpath. */
    private static final Set<String> ABSENT_JME_LOADERS = Set.of(
            "com.jme3.audio.plugins.OGGLoader",
            "com.jme3.scene.plugins.ogre.MeshLoader", "com.jme3.scene.plugins.ogre.SkeletonLoader",
            "com.jme3.scene.plugins.ogre.MaterialLoader", "com.jme3.scene.plugins.ogre.SceneLoader",
            "com.jme3.scene.plugins.fbx.FbxLoader", "com.jme3.scene.plugins.gltf.GltfLoader",
            "com.jme3.scene.plugins.gltf.BinLoader", "com.jme3.scene.plugins.gltf.GlbLoader");

    /** Held here: java.util.logging keeps only weak references to loggers, and a collected one loses its settings. */
    private static final Logger JME_ASSET_CONFIG = Logger.getLogger("com.jme3.asset.AssetConfig");
    private static final Logger DJL_CUDA_PROBE = Logger.getLogger("ai.djl.util.cuda.CudaUtils");
    private static final Logger DJL_PLATFORM = Logger.getLogger("ai.djl.util.Platform");
    private static final Logger DJL_PYTORCH_ENGINE = Logger.getLogger("ai.djl.pytorch.engine.PtEngine");

    private KnownLogNoise() {
    }

    /** Filters and lowers the loggers above; call once, before the engine or DJL start. */
    static void silence() {
        JME_ASSET_CONFIG.setFilter(record -> !("Cannot find loader {0}".equals(record.getMessage())
                && record.getParameters() != null && record.getParameters().length == 1
                && ABSENT_JME_LOADERS.contains(String.valueOf(record.getParameters()[0]))));
        DJL_CUDA_PROBE.setLevel(Level.SEVERE);
        DJL_PLATFORM.setLevel(Level.WARNING);
        DJL_PYTORCH_ENGINE.setLevel(Level.WARNING);
    }
}
