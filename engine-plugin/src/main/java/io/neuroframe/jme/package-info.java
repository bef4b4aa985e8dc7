/** jMonkeyEngine integration: {@link io.neuroframe.jme.NeuroFrameAppState} (the pipeline, texture streaming and the upscale pass) and {@link io.neuroframe.jme.ProfilerOverlayState}. */
package io.neuroframe.jme;
