package io.neuroframe.adapter.train;

/**
 * How an {@link AdapterModel} starts. Both start at the identity ({@code out = z}); they differ in whether the
 * gradient can move the adapter away from it.
 */
public enum AdapterInitialisation {
    /**
     * The first design: a random readout (or map) and the gate at exactly 0. The readout's gradient is proportional
     * to the gate and the gate's to the readout's small random output, so training barely leaves the identity.
     */
    ZERO_GATE,
    /**
     * The readout (the token map, the affine map, low-rank's up projection) at exactly 0 and the gate at 1: the
     * readout receives the full gradient from the first step, and the gate follows once the readout is non-zero.
     */
    ZERO_READOUT
}
