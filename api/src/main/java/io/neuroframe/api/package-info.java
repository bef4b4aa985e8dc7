/** The contract every NeuroFrame layer speaks: the Oasis latent contract ({@link io.neuroframe.api.LatentContract}), {@link io.neuroframe.api.Encoder}, {@link io.neuroframe.api.Decoder}, {@link io.neuroframe.api.LatentAdapter}, the Oasis action layout, fault kinds and the clock. No dependencies. */
package io.neuroframe.api;
