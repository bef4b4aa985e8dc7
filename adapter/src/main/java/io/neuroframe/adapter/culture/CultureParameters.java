package io.neuroframe.adapter.culture;

import io.neuroframe.adapter.mea.MeaGeometry;

/**
 * Everything that shapes a simulated culture and its stimulation protocol. Units: micrometres,
 * milliseconds, microamperes; synaptic weights and pulses in the Izhikevich model's mV-like units.
 *
 * @param geometry the array the culture grows on
 * @param neurons number of neurons, placed uniformly at random over the array
 * @param excitatoryFraction fraction of excitatory (regular-spiking) neurons; the rest are fast-spiking inhibitory
 * @param connectionProbability probability of a connection between two neurons at distance 0
 * @param connectionLengthUm length constant of the exponential fall-off of connection probability with distance
 * @param excitatoryWeight synaptic current added by a fully recovered excitatory synapse
 * @param inhibitoryWeight magnitude of the (negative) current added by a fully recovered inhibitory synapse
 * @param synapticTauMs decay time constant of synaptic current
 * @param releaseFraction Tsodyks-Markram utilisation U: fraction of available resources released per spike
 * @param recoveryTauMs time constant with which released resources recover
 * @param backgroundRateHz rate of random excitatory background kicks per neuron
 * @param backgroundKick size of one background kick
 * @param stimulusGainPerUa depolarisation per microampere at the electrode ({@code gain * I / (1 + (d/d0)^2)})
 * @param stimulusFalloffUm the distance d0 in the stimulus fall-off
 * @param currentsUa stimulation currents, ascending
 * @param trials trials per site and current
 * @param interStimulusMs time from one stimulus to the next at the same site
 * @param windowMs post-stimulus window in which spikes are counted
 * @param warmupMs settling time before a site's first stimulus
 * @param stepMs integration step
 */
public record CultureParameters(
        MeaGeometry geometry, int neurons, double excitatoryFraction, double connectionProbability,
        double connectionLengthUm, float excitatoryWeight, float inhibitoryWeight, double synapticTauMs,
        double releaseFraction, double recoveryTauMs, double backgroundRateHz, float backgroundKick,
        double stimulusGainPerUa, double stimulusFalloffUm, float[] currentsUa, int trials, double interStimulusMs,
        double windowMs, double warmupMs, double stepMs) {

    public CultureParameters {
        require(neurons >= 10, "neurons must be at least 10, got " + neurons);
        require(excitatoryFraction >= 0 && excitatoryFraction <= 1, "excitatoryFraction must be in [0, 1]");
        require(connectionProbability >= 0 && connectionProbability <= 1, "connectionProbability must be in [0, 1]");
        require(connectionLengthUm > 0, "connectionLengthUm must be positive");
        require(excitatoryWeight >= 0 && inhibitoryWeight >= 0, "synaptic weights must be non-negative");
        require(synapticTauMs > 0 && recoveryTauMs > 0, "time constants must be positive");
        require(releaseFraction > 0 && releaseFraction <= 1, "releaseFraction must be in (0, 1]");
        require(backgroundRateHz >= 0 && backgroundKick >= 0, "background rate and kick must be non-negative");
        require(stimulusGainPerUa > 0 && stimulusFalloffUm > 0, "stimulus gain and fall-off must be positive");
        require(trials >= 1, "trials must be at least 1");
        require(stepMs > 0 && windowMs >= stepMs && interStimulusMs >= windowMs && warmupMs >= 0,
                "need stepMs > 0, windowMs >= stepMs, interStimulusMs >= windowMs, warmupMs >= 0");
        currentsUa = io.neuroframe.adapter.response.CurrentLevels.validated(currentsUa, "currentsUa");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("culture parameters: " + message);
        }
    }

    /**
     * The defaults: 4096 neurons (one per electrode on average) on the standard array, 80 % excitatory,
     * connection probability 0.5 falling off over 150 um (about 35 synapses per neuron), weights 2.5 (E) and
     * 4 (I), synaptic current decaying over 4 ms, depressing synapses (U 0.3, recovery 500 ms), 1 Hz background
     * kicks of 8, stimulus gain 30 per uA with a 40 um fall-off (at 1 uA neurons within about 28 um fire
     * directly, at 4 uA within about 90 um), currents 1-4 uA, 32 trials each at a 50 ms inter-stimulus
     * interval, spikes counted for 20 ms after each stimulus, dt 0.5 ms. Tuned so that evoked activity is
     * local, grows with current, and does not ignite network-wide bursts.
     */
    public static CultureParameters defaults() {
        return new CultureParameters(MeaGeometry.standard(), 4096, 0.8, 0.5, 150.0, 2.5f, 4.0f, 4.0, 0.3, 500.0,
                1.0, 8f, 30.0, 40.0, new float[] {1f, 2f, 3f, 4f}, 32, 50.0, 20.0, 200.0, 0.5);
    }

    /** A copy with another neuron count. */
    public CultureParameters withNeurons(int value) {
        return new CultureParameters(geometry, value, excitatoryFraction, connectionProbability, connectionLengthUm,
                excitatoryWeight, inhibitoryWeight, synapticTauMs, releaseFraction, recoveryTauMs, backgroundRateHz,
                backgroundKick, stimulusGainPerUa, stimulusFalloffUm, currentsUa, trials, interStimulusMs, windowMs,
                warmupMs, stepMs);
    }

    /** A copy with another number of trials. */
    public CultureParameters withTrials(int value) {
        return new CultureParameters(geometry, neurons, excitatoryFraction, connectionProbability, connectionLengthUm,
                excitatoryWeight, inhibitoryWeight, synapticTauMs, releaseFraction, recoveryTauMs, backgroundRateHz,
                backgroundKick, stimulusGainPerUa, stimulusFalloffUm, currentsUa, value, interStimulusMs, windowMs,
                warmupMs, stepMs);
    }

    /** A copy on another array. */
    public CultureParameters withGeometry(MeaGeometry value) {
        return new CultureParameters(value, neurons, excitatoryFraction, connectionProbability, connectionLengthUm,
                excitatoryWeight, inhibitoryWeight, synapticTauMs, releaseFraction, recoveryTauMs, backgroundRateHz,
                backgroundKick, stimulusGainPerUa, stimulusFalloffUm, currentsUa, trials, interStimulusMs, windowMs,
                warmupMs, stepMs);
    }

    @Override
    public float[] currentsUa() {
        return currentsUa.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CultureParameters p && toString().equals(p.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "neurons=" + neurons + " excitatory=" + excitatoryFraction + " p0=" + connectionProbability
                + " lambda=" + connectionLengthUm + "um wE=" + excitatoryWeight + " wI=" + inhibitoryWeight
                + " tauSyn=" + synapticTauMs + "ms U=" + releaseFraction + " tauRec=" + recoveryTauMs
                + "ms background=" + backgroundRateHz + "Hz x " + backgroundKick + " stimGain=" + stimulusGainPerUa
                + "/uA d0=" + stimulusFalloffUm + "um currents=" + java.util.Arrays.toString(currentsUa)
                + "uA trials=" + trials + " isi=" + interStimulusMs + "ms window=" + windowMs + "ms warmup="
                + warmupMs + "ms dt=" + stepMs + "ms array=" + geometry.rows() + "x" + geometry.cols() + "@"
                + geometry.pitchUm() + "um";
    }
}
