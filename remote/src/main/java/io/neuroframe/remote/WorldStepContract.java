package io.neuroframe.remote;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

/**
 * The interface of a served world-model step, in the layout of the Oasis DiT: input
 * {@value #LATENT} {@code (batch, 16, 18, 32)} (the context frame, channel-first, scaled as in
 * {@link LatentContract}), input {@value #ACTION} {@code (batch, 25)} (the Oasis action vector),
 * output {@value #NEXT_LATENT} {@code (batch, 16, 18, 32)}, all float32. The step is stateless:
 * every request carries its context, so any server can answer any player.
 *
 * <p>On the frame path latents are token-major {@code (576, 16)}; {@link #toChannelFirst} and
 * {@link #toTokenMajor} convert without allocating.
 */
public final class WorldStepContract {
    /** Name of the context-latent input. */
    public static final String LATENT = "latent";
    /** Name of the action input. */
    public static final String ACTION = "action";
    /** Name of the predicted-latent output. */
    public static final String NEXT_LATENT = "next_latent";

    private WorldStepContract() {
    }

    /** The shape of one latent without the batch dimension: channels, token rows, token columns. */
    public static long[] latentDims() {
        return new long[] {LatentContract.CHANNELS, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS};
    }

    /** The shape of one action without the batch dimension. */
    public static long[] actionDims() {
        return new long[] {OasisAction.SIZE};
    }

    /** The shape of {@code batch} latents, e.g. {@code [1, 16, 18, 32]}. */
    public static long[] latentShape(int batch) {
        return new long[] {batch, LatentContract.CHANNELS, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS};
    }

    /** Token-major {@code (576, 16)} to channel-first {@code (16, 18, 32)}; arrays of {@link LatentContract#LATENT_FLOATS}. */
    public static void toChannelFirst(float[] tokenMajor, float[] channelFirst) {
        int tokens = LatentContract.TOKENS;
        int channels = LatentContract.CHANNELS;
        for (int t = 0; t < tokens; t++) {
            for (int c = 0; c < channels; c++) {
                channelFirst[c * tokens + t] = tokenMajor[t * channels + c];
            }
        }
    }

    /** Channel-first {@code (16, 18, 32)} to token-major {@code (576, 16)}; arrays of {@link LatentContract#LATENT_FLOATS}. */
    public static void toTokenMajor(float[] channelFirst, float[] tokenMajor) {
        int tokens = LatentContract.TOKENS;
        int channels = LatentContract.CHANNELS;
        for (int t = 0; t < tokens; t++) {
            for (int c = 0; c < channels; c++) {
                tokenMajor[t * channels + c] = channelFirst[c * tokens + t];
            }
        }
    }
}
