package io.neuroframe.adapter.culture;

import java.util.Arrays;

/**
 * A culture's real network response to a whole multi-site stimulation pattern: every site is stimulated at once
 * with its own current, the depolarisations of overlapping fields add on the same neurons, and the network (spike
 * thresholds, recurrent synapses, depression) answers the pattern as a whole. This is the interaction that the
 * recorded-library response (a sum of single-site responses) leaves out.
 *
 * <p>Each pattern starts from the same settled state (rest, then {@code warmupMs} of background activity) and
 * counts spikes per electrode during {@code windowMs}; the background of a pattern draws from
 * (seed, {@code trial}), so a response depends only on the network, the seed, the pattern and the trial.
 */
public final class PatternResponse {

    private final CultureNetwork network;
    private final long seed;
    private final StimulusField[] fields;
    private final CultureSimulation settled;
    private final int windowSteps;

    /**
     * @param siteElectrodes the electrode of each stimulation site (e.g. one per latent token)
     */
    public PatternResponse(CultureNetwork network, int[] siteElectrodes, long seed) {
        this.network = network;
        this.seed = seed;
        CultureParameters p = network.parameters();
        this.fields = new StimulusField[siteElectrodes.length];
        for (int s = 0; s < siteElectrodes.length; s++) {
            if (siteElectrodes[s] < 0 || siteElectrodes[s] >= p.geometry().electrodes()) {
                throw new IllegalArgumentException("site " + s + ": electrode " + siteElectrodes[s]
                        + " is not on the " + p.geometry().rows() + " x " + p.geometry().cols() + " array");
            }
            fields[s] = StimulusField.around(network, siteElectrodes[s]);
        }
        this.settled = new CultureSimulation(network, seed);
        settled.reset();
        settled.run((int) Math.round(p.warmupMs() / p.stepMs()), null);
        this.windowSteps = (int) Math.round(p.windowMs() / p.stepMs());
    }

    /** The parameters the culture was grown with. */
    public CultureParameters parameters() {
        return network.parameters();
    }

    /** The seed of the responses' background noise. */
    public long seed() {
        return seed;
    }

    /** Number of stimulation sites. */
    public int sites() {
        return fields.length;
    }

    /** Electrodes of the array (the length of a response). */
    public int electrodes() {
        return network.parameters().geometry().electrodes();
    }

    /**
     * Stimulates every site at once with {@code currentsUa[site]} (0 leaves a site out) and writes the spike count
     * of every electrode during the response window into {@code counts} (cleared first). Thread-safe: each call
     * runs its own simulation.
     *
     * @throws IllegalArgumentException if a current is negative or not finite, or the arrays have the wrong length
     */
    public void respond(float[] currentsUa, long trial, int[] counts) {
        if (currentsUa.length != fields.length || counts.length != electrodes()) {
            throw new IllegalArgumentException("expected " + fields.length + " currents and " + electrodes()
                    + " counts, got " + currentsUa.length + " and " + counts.length);
        }
        CultureSimulation simulation = new CultureSimulation(network, seed * 1_000_003L + 7_919L * (trial + 1));
        simulation.copyStateFrom(settled);
        for (int s = 0; s < fields.length; s++) {
            float current = currentsUa[s];
            if (!(current >= 0) || Float.isInfinite(current)) {
                throw new IllegalArgumentException("site " + s + ": current must be finite and non-negative, got "
                        + current);
            }
            if (current > 0) {
                simulation.stimulate(fields[s].neurons(), fields[s].pulsePerUa(), current);
            }
        }
        Arrays.fill(counts, 0);
        simulation.run(windowSteps, counts);
    }
}
