package io.neuroframe.adapter.mea;

import io.neuroframe.api.LatentContract;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Which latent features stimulate which electrodes, and how a latent value becomes a stimulation current.
 *
 * <p>Defaults (our reading of the reference work, each a parameter):
 * <ul>
 *   <li>every latent token owns one stimulation site, laid out by {@link SiteLayout#SPREAD};</li>
 *   <li>each of the 16 channels is a separate stimulation pattern over the same 576 sites (the response is
 *       computed per channel; the readout is shared by all channels); all channels are selected;</li>
 *   <li>current = {@code maxCurrentUa * min(1, |z| / saturationLatent)}: linear in the magnitude of the scaled
 *       latent value z, reaching the top current at {@code saturationLatent} (3, i.e. about three standard
 *       deviations of Oasis-scaled latents) and clipped above; a codec whose latents are smaller sets a
 *       saturation per channel from its own latent statistics ({@link Builder#channelSaturation}), so that the
 *       delivered currents span the whole recorded range;</li>
 *   <li>sign: {@link SignMode#SIGNED}, the evoked response is multiplied by sign(z).</li>
 * </ul>
 * Channels that are not selected and tokens outside the region do not stimulate; the adapter passes them
 * through unchanged.
 */
public final class StimulationEncoding {

    /** How the sign of a latent value enters the response. */
    public enum SignMode {
        /** The response to |z| is multiplied by sign(z) (a signed, odd response). */
        SIGNED,
        /** Only |z| matters; negative and positive values evoke the same response. */
        MAGNITUDE
    }

    /** Default top stimulation current in microamperes. */
    public static final float DEFAULT_MAX_CURRENT_UA = 4f;
    /** Default latent magnitude that reaches the top current. */
    public static final float DEFAULT_SATURATION_LATENT = 3f;

    private final MeaGeometry geometry;
    private final SiteLayout layout;
    private final int[] siteElectrodes;
    private final int[] channels;
    private final TokenRegion region;
    private final int[] activeTokens;
    private final float maxCurrentUa;
    private final float saturationLatent;
    private final float[] channelSaturation;
    private final SignMode signMode;

    private StimulationEncoding(Builder b) {
        this.geometry = b.geometry;
        this.layout = b.layout;
        this.siteElectrodes = layout.siteElectrodes(geometry, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS);
        this.channels = b.channels.clone();
        this.region = b.region;
        this.activeTokens = IntStream.range(0, LatentContract.TOKENS).filter(region::contains).toArray();
        this.maxCurrentUa = b.maxCurrentUa;
        this.saturationLatent = b.saturationLatent;
        this.channelSaturation = b.channelSaturation == null ? null : b.channelSaturation.clone();
        this.signMode = b.signMode;
    }

    /** A builder starting from the defaults on {@code geometry}. */
    public static Builder builder(MeaGeometry geometry) {
        return new Builder(geometry);
    }

    /** The default encoding on the standard 64 x 64 array. */
    public static StimulationEncoding defaults() {
        return builder(MeaGeometry.standard()).build();
    }

    public MeaGeometry geometry() {
        return geometry;
    }

    public SiteLayout layout() {
        return layout;
    }

    /** Electrode stimulated by token {@code token}. */
    public int siteElectrode(int token) {
        return siteElectrodes[token];
    }

    /** Electrodes of all 576 token sites, token order (a copy). */
    public int[] siteElectrodes() {
        return siteElectrodes.clone();
    }

    /** Selected latent channels, ascending (a copy). */
    public int[] channels() {
        return channels.clone();
    }

    public TokenRegion region() {
        return region;
    }

    /** Tokens inside the region, ascending (a copy). */
    public int[] activeTokens() {
        return activeTokens.clone();
    }

    public float maxCurrentUa() {
        return maxCurrentUa;
    }

    /** The saturation of every channel without per-channel saturations. */
    public float saturationLatent() {
        return saturationLatent;
    }

    /** Whether each channel has its own saturation ({@link Builder#channelSaturation}). */
    public boolean hasChannelSaturation() {
        return channelSaturation != null;
    }

    /** Latent magnitude at which channel {@code channel} reaches the top current. */
    public float saturationLatent(int channel) {
        return channelSaturation == null ? saturationLatent : channelSaturation[channel];
    }

    public SignMode signMode() {
        return signMode;
    }

    /** Stimulation current in microamperes for latent value {@code z} of channel {@code channel}; 0 for NaN. */
    public float currentUa(float z, int channel) {
        float magnitude = Math.abs(z);
        if (!(magnitude > 0)) {
            return 0f;
        }
        return maxCurrentUa * Math.min(1f, magnitude / saturationLatent(channel));
    }

    /** Factor the response to {@link #currentUa(float, int)} is multiplied by: sign(z) or 1. */
    public float polarity(float z) {
        return signMode == SignMode.SIGNED && z < 0 ? -1f : 1f;
    }

    /** A short description for reports. */
    public String describe() {
        return "layout=" + layout + " channels=" + (channels.length == LatentContract.CHANNELS ? "all"
                : Arrays.toString(channels)) + " region=" + (region.equals(TokenRegion.all()) ? "all" : region)
                + " maxCurrent=" + maxCurrentUa + "uA saturation=" + (channelSaturation == null ? saturationLatent
                        : "per-channel " + Arrays.toString(channelSaturation)) + " sign=" + signMode;
    }

    /** Builder with validated, documented defaults. */
    public static final class Builder {
        private final MeaGeometry geometry;
        private SiteLayout layout = SiteLayout.SPREAD;
        private int[] channels = IntStream.range(0, LatentContract.CHANNELS).toArray();
        private TokenRegion region = TokenRegion.all();
        private float maxCurrentUa = DEFAULT_MAX_CURRENT_UA;
        private float saturationLatent = DEFAULT_SATURATION_LATENT;
        private float[] channelSaturation;
        private SignMode signMode = SignMode.SIGNED;

        private Builder(MeaGeometry geometry) {
            this.geometry = Objects.requireNonNull(geometry, "geometry");
        }

        public Builder layout(SiteLayout value) {
            layout = Objects.requireNonNull(value, "layout");
            return this;
        }

        /** Selects a subset of latent channels (distinct, each in 0..15). */
        public Builder channels(int... value) {
            int[] sorted = value.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                throw new IllegalArgumentException("channels: select at least one channel");
            }
            for (int i = 0; i < sorted.length; i++) {
                if (sorted[i] < 0 || sorted[i] >= LatentContract.CHANNELS || (i > 0 && sorted[i] == sorted[i - 1])) {
                    throw new IllegalArgumentException("channels: expected distinct values in 0.."
                            + (LatentContract.CHANNELS - 1) + ", got " + Arrays.toString(value));
                }
            }
            channels = sorted;
            return this;
        }

        public Builder region(TokenRegion value) {
            region = Objects.requireNonNull(value, "region");
            return this;
        }

        /** Top current in microamperes, positive. */
        public Builder maxCurrentUa(float value) {
            if (!(value > 0) || Float.isInfinite(value)) {
                throw new IllegalArgumentException("maxCurrentUa must be positive and finite, got " + value);
            }
            maxCurrentUa = value;
            return this;
        }

        /** Latent magnitude that reaches the top current, positive. */
        public Builder saturationLatent(float value) {
            if (!(value > 0) || Float.isInfinite(value)) {
                throw new IllegalArgumentException("saturationLatent must be positive and finite, got " + value);
            }
            saturationLatent = value;
            return this;
        }

        /**
         * Gives each of the 16 channels its own saturation (positive, finite), e.g. from the codec's latent statistics
         * ({@code io.neuroframe.adapter.train.LatentStatistics}); replaces {@link #saturationLatent} for every channel.
         */
        public Builder channelSaturation(float[] value) {
            if (value.length != LatentContract.CHANNELS) {
                throw new IllegalArgumentException("channelSaturation: expected " + LatentContract.CHANNELS
                        + " values, got " + value.length);
            }
            for (int c = 0; c < value.length; c++) {
                if (!(value[c] > 0) || Float.isInfinite(value[c])) {
                    throw new IllegalArgumentException("channelSaturation: channel " + c
                            + " must be positive and finite, got " + value[c]);
                }
            }
            channelSaturation = value.clone();
            return this;
        }

        public Builder signMode(SignMode value) {
            signMode = Objects.requireNonNull(value, "signMode");
            return this;
        }

        public StimulationEncoding build() {
            return new StimulationEncoding(this);
        }
    }
}
