package io.neuroframe.api;

/**
 * The Oasis-compatible latent contract that every NeuroFrame component speaks.
 *
 * <p>Images are 360 x 640 RGB. At the codec boundary they are planar float tensors
 * {@code (3, 360, 640)} with values in [0, 1]; the models map them to [-1, 1] internally
 * ({@code x * 2 - 1}). A latent frame is 18 x 32 tokens (patch 20) of 16 channels, stored
 * row-major as {@code (576, 16)}: token index = row * 32 + col, channel fastest. Latents on
 * the frame path are scaled by {@link #SCALING_FACTOR}, as in Oasis: encode gives
 * {@code mean * SCALING_FACTOR}, decode divides by it first.
 */
public final class LatentContract {
    /** Image height in pixels. */
    public static final int IMAGE_HEIGHT = 360;
    /** Image width in pixels. */
    public static final int IMAGE_WIDTH = 640;
    /** Colour channels of a decoded image. */
    public static final int IMAGE_CHANNELS = 3;
    /** Floats in one planar RGB image. */
    public static final int IMAGE_FLOATS = IMAGE_CHANNELS * IMAGE_HEIGHT * IMAGE_WIDTH;
    /** Side of one square patch in pixels. */
    public static final int PATCH_SIZE = 20;
    /** Token rows (360 / 20). */
    public static final int TOKEN_ROWS = IMAGE_HEIGHT / PATCH_SIZE;
    /** Token columns (640 / 20). */
    public static final int TOKEN_COLS = IMAGE_WIDTH / PATCH_SIZE;
    /** Tokens in one latent frame (18 * 32). */
    public static final int TOKENS = TOKEN_ROWS * TOKEN_COLS;
    /** Channels per token. */
    public static final int CHANNELS = 16;
    /** Floats in one latent frame (576 * 16). */
    public static final int LATENT_FLOATS = TOKENS * CHANNELS;
    /** Oasis's latent scaling factor. */
    public static final float SCALING_FACTOR = 0.07843137255f;

    private LatentContract() {
    }

    /** Index of channel {@code channel} of the token at ({@code row}, {@code col}) in a latent frame. */
    public static int latentIndex(int row, int col, int channel) {
        return (row * TOKEN_COLS + col) * CHANNELS + channel;
    }

    /** Index of colour {@code channel} of pixel ({@code y}, {@code x}) in a planar image. */
    public static int imageIndex(int channel, int y, int x) {
        return (channel * IMAGE_HEIGHT + y) * IMAGE_WIDTH + x;
    }
}
