package io.neuroframe.adapter.culture;

import java.util.Arrays;

/**
 * The neurons an electrode's stimulus reaches and how strongly: a neuron at distance d from the electrode
 * is depolarised by {@code gain * I / (1 + (d / d0)^2)} (a point-source field), listed while that is at least
 * {@value #MIN_PULSE_AT_TOP_CURRENT} at the top current.
 *
 * @param neurons affected neurons
 * @param pulsePerUa depolarisation per microampere of each
 */
record StimulusField(int[] neurons, float[] pulsePerUa) {

    /** Smallest depolarisation (at the highest current) still applied. */
    static final float MIN_PULSE_AT_TOP_CURRENT = 0.5f;

    static StimulusField around(CultureNetwork net, int electrode) {
        CultureParameters p = net.parameters();
        float[] currents = p.currentsUa();
        float top = currents[currents.length - 1];
        double ex = p.geometry().xUm(electrode);
        double ey = p.geometry().yUm(electrode);
        double d0 = p.stimulusFalloffUm();
        int[] neurons = new int[16];
        float[] pulses = new float[16];
        int size = 0;
        for (int i = 0; i < net.neurons; i++) {
            double dx = net.x[i] - ex;
            double dy = net.y[i] - ey;
            double pulse = p.stimulusGainPerUa() / (1 + (dx * dx + dy * dy) / (d0 * d0));
            if (pulse * top >= MIN_PULSE_AT_TOP_CURRENT) {
                if (size == neurons.length) {
                    neurons = Arrays.copyOf(neurons, size * 2);
                    pulses = Arrays.copyOf(pulses, size * 2);
                }
                neurons[size] = i;
                pulses[size++] = (float) pulse;
            }
        }
        return new StimulusField(Arrays.copyOf(neurons, size), Arrays.copyOf(pulses, size));
    }
}
