package io.neuroframe.adapter.train;

import io.neuroframe.adapter.culture.PatternResponse;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.api.LatentContract;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The activity a culture's network gives each cached latent when each channel's whole stimulation pattern (all
 * token sites at once, {@link PatternResponse}) drives it: for channel c, the sites of positive values are
 * stimulated together, then (a separate pattern from the same settled state) those of negative values, and the
 * activity is the first count minus the second ({@link StimulationEncoding.SignMode#SIGNED}) or their sum
 * ({@link StimulationEncoding.SignMode#MAGNITUDE}). Currents come from the encoding (per-channel saturation
 * included); tokens outside its region and unselected channels do not stimulate.
 *
 * <p>Simulating costs milliseconds per pattern, so the responses are computed once per latent and kept by the
 * latent array's identity (cached latents are fixed arrays). The background noise of a pattern depends only on its
 * channel and sign, so every latent meets the same network realisation.
 */
public final class NetworkResponses {

    private final PatternResponse culture;
    private final StimulationEncoding encoding;
    private final String name;
    private final Map<float[], float[]> cache = new IdentityHashMap<>();

    /**
     * @param culture the culture with the encoding's token sites as its stimulation sites
     * @param name the culture's name for reports
     */
    public NetworkResponses(PatternResponse culture, StimulationEncoding encoding, String name) {
        if (culture.sites() != LatentContract.TOKENS || culture.electrodes() != encoding.geometry().electrodes()) {
            throw new IllegalArgumentException(name + ": the culture has " + culture.sites() + " sites on "
                    + culture.electrodes() + " electrodes, expected " + LatentContract.TOKENS + " token sites on the "
                    + "encoding's " + encoding.geometry().electrodes());
        }
        this.culture = culture;
        this.encoding = encoding;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public StimulationEncoding encoding() {
        return encoding;
    }

    /** Electrodes of a response. */
    public int electrodes() {
        return culture.electrodes();
    }

    /** Computes and keeps the responses of every latent in {@code latents}. */
    public void precompute(float[][] latents) {
        for (float[] latent : latents) {
            activity(latent);
        }
    }

    /**
     * The activity {@code [electrodes][16]} (row-major) of {@code latent}: computed on first use, then kept. Channels
     * that are not selected have zero activity.
     */
    public synchronized float[] activity(float[] latent) {
        float[] cached = cache.get(latent);
        if (cached != null) {
            return cached;
        }
        int electrodes = culture.electrodes();
        float[] activity = new float[electrodes * LatentContract.CHANNELS];
        float[] currents = new float[LatentContract.TOKENS];
        int[] counts = new int[electrodes];
        boolean signed = encoding.signMode() == StimulationEncoding.SignMode.SIGNED;
        int[] tokens = encoding.activeTokens();
        for (int c : encoding.channels()) {
            for (int negative = 0; negative < 2; negative++) {
                java.util.Arrays.fill(currents, 0f);
                boolean any = false;
                for (int token : tokens) {
                    float z = latent[token * LatentContract.CHANNELS + c];
                    if (negative == 0 ? z > 0 : z < 0) {
                        currents[token] = encoding.currentUa(z, c);
                        any = true;
                    }
                }
                if (!any) {
                    continue;
                }
                culture.respond(currents, 2L * c + negative, counts);
                float sign = negative == 1 && signed ? -1f : 1f;
                for (int e = 0; e < electrodes; e++) {
                    activity[e * LatentContract.CHANNELS + c] += sign * counts[e];
                }
            }
        }
        cache.put(latent, activity);
        return activity;
    }
}
