package io.neuroframe.adapter;

import io.neuroframe.api.LatentAdapter;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.api.LatentContract;
import java.util.Locale;

/**
 * The experiment's conditions: the biological reservoirs and their parameter-matched controls.
 *
 * <p>Every reservoir condition trains the same readout (576 x 4096) and gate: 2,359,297 values. The
 * low-rank control matches that count exactly; the fully trainable reservoir also trains its reservoir
 * (levels x 576 x 4096 more values, the "additional degrees of freedom" of the reference work); identity
 * trains nothing. The token map and the per-channel affine map are references without a reservoir.
 */
public enum AdapterCondition {
    /** No adapter. */
    IDENTITY,
    /** Bio-inspired first-order local connectivity ({@link io.neuroframe.adapter.response.LocalKernelResponse}). */
    LOCAL_KERNEL,
    /** Responses recombined from a recorded or simulated culture library. */
    RECORDED_LIBRARY,
    /** Frozen dense Gaussian reservoir, norm-matched to the biology per site and level. */
    FROZEN_RANDOM,
    /** Frozen spatially smooth random reservoir, norm-matched to the biology. */
    SMOOTH_RANDOM,
    /** The frozen random reservoir's structure with the reservoir itself trainable. */
    FULLY_TRAINABLE,
    /** Rank-128 linear adapter on the whole latent. */
    LOW_RANK,
    /** The biological responses with electrodes permuted. */
    SHUFFLED_BIOLOGY,
    /** A plain trainable 576 x 576 token map ({@link TokenMapAdapter}), a reference without reservoir. */
    TOKEN_MAP,
    /** A per-channel scale and offset ({@link ChannelAffineAdapter}), the smallest reference. */
    CHANNEL_AFFINE,
    /**
     * A simulated culture driven with each channel's whole multi-site pattern at once (its network response,
     * {@link io.neuroframe.adapter.culture.PatternResponse}), read out like a reservoir; trained on precomputed
     * responses ({@code io.neuroframe.adapter.train.NetworkResponses}) and without a frame-path form.
     */
    NETWORK_CULTURE;

    /** Smoothing scale of {@link #SMOOTH_RANDOM} in electrode pitches. */
    public static final double SMOOTHING_PITCHES = 2.0;

    /** The name used in reports and on the command line, e.g. {@code frozen-random}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The condition named {@code id} (as {@link #id()} writes it). */
    public static AdapterCondition fromId(String id) {
        for (AdapterCondition condition : values()) {
            if (condition.id().equals(id)) {
                return condition;
            }
        }
        throw new IllegalArgumentException("unknown adapter condition '" + id + "'; expected one of "
                + java.util.Arrays.stream(values()).map(AdapterCondition::id).toList());
    }

    /** Whether the condition runs through a reservoir (a kernel bank) and the shared readout. */
    public boolean usesReservoir() {
        return this != IDENTITY && this != LOW_RANK && this != TOKEN_MAP && this != CHANNEL_AFFINE
                && this != NETWORK_CULTURE;
    }

    /** Whether the reservoir's kernels are trained too. */
    public boolean trainsReservoir() {
        return this == FULLY_TRAINABLE;
    }

    /** Trainable values for a reservoir with {@code levels} levels on {@code electrodes} electrodes. */
    public long trainableParameters(int levels, int electrodes) {
        long readout = (long) LatentContract.TOKENS * electrodes + 1;
        return switch (this) {
            case IDENTITY -> 0;
            case LOW_RANK -> 2L * LowRankAdapter.RANK * LatentContract.LATENT_FLOATS + 1;
            case TOKEN_MAP -> (long) LatentContract.TOKENS * LatentContract.TOKENS + 1;
            case CHANNEL_AFFINE -> 2L * LatentContract.CHANNELS + 1;
            case FULLY_TRAINABLE -> readout + (long) levels * LatentContract.TOKENS * electrodes;
            case NETWORK_CULTURE -> readout;
            default -> readout;
        };
    }

    /**
     * The reservoir of this condition, derived from {@code biology} (the local-kernel or library bank the
     * controls are matched to) with {@code seed} for the random ones.
     */
    public KernelBank reservoir(KernelBank biology, StimulationEncoding encoding, long seed) {
        return switch (this) {
            case LOCAL_KERNEL, RECORDED_LIBRARY -> biology;
            case FROZEN_RANDOM, FULLY_TRAINABLE -> ControlReservoirs.frozenRandom(biology, seed);
            case SMOOTH_RANDOM -> ControlReservoirs.smoothRandom(biology, encoding.geometry(), SMOOTHING_PITCHES, seed);
            case SHUFFLED_BIOLOGY -> ControlReservoirs.shuffled(biology, seed);
            case IDENTITY, LOW_RANK, TOKEN_MAP, CHANNEL_AFFINE, NETWORK_CULTURE ->
                    throw new IllegalStateException(id() + " has no reservoir");
        };
    }

    /** Whether the condition has a plain-Java frame-path adapter (all but {@link #NETWORK_CULTURE}). */
    public boolean hasFramePath() {
        return this != NETWORK_CULTURE;
    }

    /**
     * An untrained adapter of this condition (identity at start: the gate is 0).
     *
     * @throws IllegalStateException for {@link #NETWORK_CULTURE}, whose response is a network simulation per frame
     */
    public LatentAdapter untrained(KernelBank biology, StimulationEncoding encoding, long seed) {
        return switch (this) {
            case NETWORK_CULTURE -> throw new IllegalStateException(id() + " has no frame-path form: its response is "
                    + "a network simulation per frame");
            case IDENTITY -> new IdentityAdapter();
            case LOW_RANK -> LowRankAdapter.initial(seed);
            case TOKEN_MAP -> TokenMapAdapter.initial(seed);
            case CHANNEL_AFFINE -> ChannelAffineAdapter.initial(seed);
            default -> new BioAdapter(encoding, reservoir(biology, encoding, seed),
                    ReadoutWeights.initial(biology.electrodes(), seed + 1), id());
        };
    }
}
