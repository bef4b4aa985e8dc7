package io.neuroframe.adapter.culture;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The dynamic state of one culture on one thread: Izhikevich membranes, decaying synaptic currents and
 * Tsodyks-Markram resources (depression), driven by random background kicks and electrical stimuli.
 *
 * <p>Per step of length dt (ms): {@code v += dt (0.04 v^2 + 5 v + 140 - u + I)}, {@code u += dt a (b v - u)},
 * {@code I *= exp(-dt / tauSyn)}, resources recover as {@code dx/dt = (1 - x) / tauRec} (applied in
 * closed form when a neuron spikes, since only then are they read); a neuron with {@code v >= 30}
 * spikes ({@code v = c, u += d}), releases {@code U x} of its resources ({@code x -= U x}) and adds
 * {@code w x_before} (its weight times the resources it had) to each target's synaptic current. Background:
 * a Poisson number of kicks per step, each adding {@code backgroundKick} to a random neuron's v. Trial-to-trial
 * variability comes from the background and from the depression left by earlier stimuli.
 */
final class CultureSimulation {

    private final CultureNetwork net;
    private final CultureParameters p;
    private final SplittableRandom random;
    private final float[] v;
    private final float[] u;
    private final float[] current;
    private final float[] resources;
    private final long[] resourcesUpdated;
    private final int[] spiked;
    private final float dt;
    private final float synapticDecay;
    private final double recoveryPerStep;
    private final double kicksPerStep;
    private int spikedCount;
    private long stepIndex;

    CultureSimulation(CultureNetwork net, long seed) {
        this.net = net;
        this.p = net.parameters();
        this.random = new SplittableRandom(seed);
        int n = net.neurons;
        this.v = new float[n];
        this.u = new float[n];
        this.current = new float[n];
        this.resources = new float[n];
        this.resourcesUpdated = new long[n];
        this.spiked = new int[n];
        this.dt = (float) p.stepMs();
        this.synapticDecay = (float) Math.exp(-p.stepMs() / p.synapticTauMs());
        this.recoveryPerStep = p.stepMs() / p.recoveryTauMs();
        this.kicksPerStep = n * p.backgroundRateHz() * p.stepMs() / 1000.0;
    }

    /** Resting state: v = -65, u = b v, no synaptic current, full resources. */
    void reset() {
        Arrays.fill(v, -65f);
        for (int i = 0; i < net.neurons; i++) {
            u[i] = net.b[i] * -65f;
        }
        Arrays.fill(current, 0f);
        Arrays.fill(resources, 1f);
        Arrays.fill(resourcesUpdated, 0L);
        stepIndex = 0;
    }

    /** Takes over {@code other}'s state (membranes, synaptic currents, resources, time); not its random stream. */
    void copyStateFrom(CultureSimulation other) {
        if (other.net != net) {
            throw new IllegalArgumentException("can only copy the state of a simulation of the same network");
        }
        System.arraycopy(other.v, 0, v, 0, v.length);
        System.arraycopy(other.u, 0, u, 0, u.length);
        System.arraycopy(other.current, 0, current, 0, current.length);
        System.arraycopy(other.resources, 0, resources, 0, resources.length);
        System.arraycopy(other.resourcesUpdated, 0, resourcesUpdated, 0, resourcesUpdated.length);
        stepIndex = other.stepIndex;
    }

    /** Depolarises neuron {@code neurons[i]} by {@code pulses[i] * currentUa}. */
    void stimulate(int[] neurons, float[] pulses, float currentUa) {
        for (int i = 0; i < neurons.length; i++) {
            v[neurons[i]] += pulses[i] * currentUa;
        }
    }

    /** Advances {@code steps} steps; spikes are added per electrode to {@code counts} when it is not null. */
    void run(int steps, int[] counts) {
        for (int s = 0; s < steps; s++) {
            step(counts);
        }
    }

    private void step(int[] counts) {
        int kicks = poisson(kicksPerStep);
        for (int k = 0; k < kicks; k++) {
            v[random.nextInt(net.neurons)] += p.backgroundKick();
        }
        spikedCount = 0;
        float[] a = net.a;
        float[] b = net.b;
        for (int i = 0; i < net.neurons; i++) {
            float vi = v[i];
            float ui = u[i];
            vi += dt * (0.04f * vi * vi + 5f * vi + 140f - ui + current[i]);
            ui += dt * a[i] * (b[i] * vi - ui);
            current[i] *= synapticDecay;
            if (vi >= 30f) {
                spiked[spikedCount++] = i;
                vi = net.c[i];
                ui += net.d[i];
            }
            v[i] = vi;
            u[i] = ui;
        }
        float release = (float) p.releaseFraction();
        for (int k = 0; k < spikedCount; k++) {
            int i = spiked[k];
            float available = recovered(i);
            resources[i] = available - release * available;
            for (int syn = net.synapseOffsets[i], end = net.synapseOffsets[i + 1]; syn < end; syn++) {
                current[net.synapseTargets[syn]] += net.synapseWeights[syn] * available;
            }
            if (counts != null) {
                counts[net.electrodeOf[i]]++;
            }
        }
        stepIndex++;
    }

    /** Resources of neuron i now: recovery since its last release, applied in closed form when needed. */
    private float recovered(int i) {
        long elapsed = stepIndex - resourcesUpdated[i];
        resourcesUpdated[i] = stepIndex;
        return (float) (1 - (1 - resources[i]) * Math.exp(-elapsed * recoveryPerStep));
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
