package io.neuroframe.adapter.culture;

import io.neuroframe.adapter.mea.MeaGeometry;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The fixed structure of a grown culture: neuron positions and types, Izhikevich parameters, synapses and
 * which electrode records each neuron. Immutable after {@link #grow}; shared by all simulation threads.
 *
 * <p>Neurons are placed uniformly over the array (half a pitch beyond the outer electrodes). Excitatory
 * neurons are regular spiking and inhibitory ones fast spiking, with Izhikevich's (2003) heterogeneity:
 * for r uniform in [0, 1), excitatory {@code a=0.02, b=0.2, c=-65+15r^2, d=8-6r^2}, inhibitory
 * {@code a=0.02+0.08r, b=0.25-0.05r, c=-65, d=2}. A connection from i to j exists with probability
 * {@code p0 * exp(-distance / lambda)}; no self-connections. Each neuron is recorded by its nearest electrode.
 */
public final class CultureNetwork {

    final int neurons;
    final float[] x;
    final float[] y;
    final boolean[] excitatory;
    final float[] a;
    final float[] b;
    final float[] c;
    final float[] d;
    final int[] synapseOffsets;
    final int[] synapseTargets;
    final float[] synapseWeights;
    final int[] electrodeOf;
    private final CultureParameters parameters;

    private CultureNetwork(CultureParameters parameters, float[] x, float[] y, boolean[] excitatory, float[] a,
            float[] b, float[] c, float[] d, int[] synapseOffsets, int[] synapseTargets, float[] synapseWeights,
            int[] electrodeOf) {
        this.parameters = parameters;
        this.neurons = x.length;
        this.x = x;
        this.y = y;
        this.excitatory = excitatory;
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.synapseOffsets = synapseOffsets;
        this.synapseTargets = synapseTargets;
        this.synapseWeights = synapseWeights;
        this.electrodeOf = electrodeOf;
    }

    /** Grows a culture from {@code seed}; the same parameters and seed give the same network. */
    public static CultureNetwork grow(CultureParameters p, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MeaGeometry g = p.geometry();
        int n = p.neurons();
        float[] x = new float[n];
        float[] y = new float[n];
        boolean[] excitatory = new boolean[n];
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        float[] d = new float[n];
        int[] electrodeOf = new int[n];
        double half = g.pitchUm() / 2;
        for (int i = 0; i < n; i++) {
            x[i] = (float) (-half + random.nextDouble() * (g.widthUm() + g.pitchUm()));
            y[i] = (float) (-half + random.nextDouble() * (g.heightUm() + g.pitchUm()));
            excitatory[i] = random.nextDouble() < p.excitatoryFraction();
            double r = random.nextDouble();
            if (excitatory[i]) {
                a[i] = 0.02f;
                b[i] = 0.2f;
                c[i] = (float) (-65 + 15 * r * r);
                d[i] = (float) (8 - 6 * r * r);
            } else {
                a[i] = (float) (0.02 + 0.08 * r);
                b[i] = (float) (0.25 - 0.05 * r);
                c[i] = -65f;
                d[i] = 2f;
            }
            electrodeOf[i] = g.nearestElectrode(x[i], y[i]);
        }
        int[] offsets = new int[n + 1];
        int[] targets = new int[Math.max(16, n * 16)];
        float[] weights = new float[targets.length];
        int size = 0;
        double reach = p.connectionLengthUm() * Math.log(Math.max(1.0, p.connectionProbability() * 1e4));
        double reach2 = reach * reach;
        for (int i = 0; i < n; i++) {
            float w = excitatory[i] ? p.excitatoryWeight() : -p.inhibitoryWeight();
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double dx = x[i] - x[j];
                double dy = y[i] - y[j];
                double dist2 = dx * dx + dy * dy;
                if (dist2 > reach2) {
                    continue;
                }
                if (random.nextDouble() < p.connectionProbability() * Math.exp(-Math.sqrt(dist2) / p.connectionLengthUm())) {
                    if (size == targets.length) {
                        targets = Arrays.copyOf(targets, size * 2);
                        weights = Arrays.copyOf(weights, size * 2);
                    }
                    targets[size] = j;
                    weights[size++] = w;
                }
            }
            offsets[i + 1] = size;
        }
        return new CultureNetwork(p, x, y, excitatory, a, b, c, d, offsets, Arrays.copyOf(targets, size),
                Arrays.copyOf(weights, size), electrodeOf);
    }

    public CultureParameters parameters() {
        return parameters;
    }

    public int neurons() {
        return neurons;
    }

    /** Number of synapses. */
    public int synapses() {
        return synapseTargets.length;
    }

    /** Number of excitatory neurons. */
    public int excitatoryCount() {
        int count = 0;
        for (boolean e : excitatory) {
            count += e ? 1 : 0;
        }
        return count;
    }

    /** Electrode that records neuron {@code neuron}. */
    public int electrodeOf(int neuron) {
        return electrodeOf[neuron];
    }
}
