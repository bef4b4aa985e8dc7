/** Latent sources: the interface the frame pipeline pulls latents from, the world-model and remote variants, and the hand-off of the engine's render to an encoder. */
package io.neuroframe.api.source;
