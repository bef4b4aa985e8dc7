package io.neuroframe.adapter.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.BioAdapter;
import io.neuroframe.adapter.ChannelAffineAdapter;
import io.neuroframe.adapter.IdentityAdapter;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.adapter.LowRankAdapter;
import io.neuroframe.adapter.ReadoutWeights;
import io.neuroframe.adapter.StimulationWeights;
import io.neuroframe.adapter.TokenMapAdapter;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.weights.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link AdapterCondition} as a DJL computation that trains: the same function as the frame path's
 * {@link LatentAdapter}, written with NDArray operations so autograd reaches its parameters.
 *
 * <p>Reservoir conditions compute, for a batch of latents z {@code (B, 576, 16)} and their stimulation weights
 * U {@code (B, levels*576, 16)} ({@link StimulationWeights}, fixed per latent),
 * {@code activity = U^T K} {@code (B, 16, electrodes)} with the reservoir K {@code (levels*576, electrodes)},
 * then {@code out = z + gate * (activity W^T)^T} with the readout W {@code (576, electrodes)}. K is a constant,
 * except for {@link AdapterCondition#FULLY_TRAINABLE}, where it is a parameter too. The low-rank control computes
 * {@code z + gate * Up(Down z)}; identity returns z.
 *
 * <p>Initial values are those of {@link AdapterCondition#untrained} for the same seed (readout from seed + 1,
 * reservoir, low-rank, token-map and affine weights from the seed) with the gate at exactly 0
 * ({@link AdapterInitialisation#ZERO_GATE}), or with the readout at 0 and the gate at 1
 * ({@link AdapterInitialisation#ZERO_READOUT}); either way an untrained model returns its input bit for bit.
 * The token map computes {@code z + gate * M z} (M mixing tokens, shared by channels), the affine map
 * {@code z + gate * (a z + b)} per channel.
 *
 * <p>A readout of activity may train on activity divided by its typical size ({@link #normaliseActivity}); the
 * frame path's tensors ({@link #frameTensors}) fold that scale back into the readout.
 */
public final class AdapterModel implements AutoCloseable {

    /** Name of the trainable reservoir tensor {@code [levels, 576, electrodes]}. */
    public static final String RESERVOIR_NAME = "reservoir.kernels";

    /** The tensor {@link AdapterInitialisation#ZERO_READOUT} zeroes, per condition without a reservoir. */
    private static final Map<AdapterCondition, String> READOUT_NAMES = Map.of(
            AdapterCondition.LOW_RANK, LowRankAdapter.UP_NAME,
            AdapterCondition.TOKEN_MAP, TokenMapAdapter.MAP_NAME,
            AdapterCondition.CHANNEL_AFFINE, ChannelAffineAdapter.SCALE_NAME);

    private static final int T = LatentContract.TOKENS;
    private static final int C = LatentContract.CHANNELS;

    private final AdapterCondition condition;
    private final StimulationEncoding encoding;
    private final KernelBank reservoirBank;
    private final float[] levels;
    private final int[] activeTokens;
    private final int[] channels;
    private final NDManager manager;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final NDArray frozenReservoir;
    private final NetworkResponses network;
    private final String description;
    private float activityScale = 1f;

    private AdapterModel(AdapterCondition condition, KernelBank biology, StimulationEncoding encoding, long seed,
            NDManager parent, String description, AdapterInitialisation initialisation, NetworkResponses network) {
        if ((condition == AdapterCondition.NETWORK_CULTURE) != (network != null)) {
            throw new IllegalArgumentException(condition.id() + ": network responses are given for, and only for, "
                    + AdapterCondition.NETWORK_CULTURE.id() + " (use AdapterModel.networkCulture)");
        }
        this.network = network;
        this.condition = condition;
        this.encoding = encoding;
        this.description = description;
        this.manager = parent.newSubManager();
        this.activeTokens = encoding.activeTokens();
        this.channels = encoding.channels();
        if (condition.usesReservoir()) {
            this.reservoirBank = condition.reservoir(biology, encoding, seed);
            this.levels = reservoirBank.currentLevelsUa();
            for (Tensor t : ReadoutWeights.initial(reservoirBank.electrodes(), seed + 1).toTensors()) {
                addParameter(initialised(t, ReadoutWeights.READOUT_NAME, initialisation));
            }
            Tensor kernels = reservoirBank.toTensor(RESERVOIR_NAME);
            if (condition.trainsReservoir()) {
                addParameter(kernels);
                this.frozenReservoir = null;
            } else {
                this.frozenReservoir = manager.create(kernels.data(),
                        new Shape((long) levels.length * T, reservoirBank.electrodes()));
            }
        } else if (network != null) {
            this.reservoirBank = null;
            this.levels = new float[0];
            this.frozenReservoir = null;
            for (Tensor t : ReadoutWeights.initial(network.electrodes(), seed + 1).toTensors()) {
                addParameter(initialised(t, ReadoutWeights.READOUT_NAME, initialisation));
            }
        } else {
            this.reservoirBank = null;
            this.levels = new float[0];
            this.frozenReservoir = null;
            List<Tensor> initial = switch (condition) {
                case LOW_RANK -> LowRankAdapter.initial(seed).toTensors();
                case TOKEN_MAP -> TokenMapAdapter.initial(seed).toTensors();
                case CHANNEL_AFFINE -> ChannelAffineAdapter.initial(seed).toTensors();
                default -> List.of();
            };
            for (Tensor t : initial) {
                addParameter(initialised(t, READOUT_NAMES.get(condition), initialisation));
            }
        }
    }

    /**
     * The model of {@code condition}, its reservoir derived from {@code biology} as
     * {@link AdapterCondition#reservoir} does, starting as {@link AdapterInitialisation#ZERO_GATE}.
     *
     * @param description name for reports and exported files, e.g. {@code local-kernel sigma=2 A=1}
     */
    public static AdapterModel create(AdapterCondition condition, KernelBank biology, StimulationEncoding encoding,
            long seed, NDManager parent, String description) {
        return create(condition, biology, encoding, seed, parent, description, AdapterInitialisation.ZERO_GATE);
    }

    /** The model of {@code condition} as the other {@code create} makes it, starting as {@code initialisation}. */
    public static AdapterModel create(AdapterCondition condition, KernelBank biology, StimulationEncoding encoding,
            long seed, NDManager parent, String description, AdapterInitialisation initialisation) {
        return new AdapterModel(condition, biology, encoding, seed, parent, description, initialisation, null);
    }

    /**
     * The {@link AdapterCondition#NETWORK_CULTURE} model on {@code network}'s responses: its readout (576 x
     * electrodes, from seed + 1) and gate, as {@code initialisation} starts them.
     */
    public static AdapterModel networkCulture(NetworkResponses network, long seed, NDManager parent,
            String description, AdapterInitialisation initialisation) {
        return new AdapterModel(AdapterCondition.NETWORK_CULTURE, null, network.encoding(), seed, parent, description,
                initialisation, network);
    }

    /**
     * {@code tensor} as {@code initialisation} starts it: unchanged for {@link AdapterInitialisation#ZERO_GATE};
     * for {@link AdapterInitialisation#ZERO_READOUT} the readout ({@code readoutName}) zeroed and the gate 1.
     */
    private static Tensor initialised(Tensor tensor, String readoutName, AdapterInitialisation initialisation) {
        if (initialisation == AdapterInitialisation.ZERO_GATE) {
            return tensor;
        }
        if (tensor.name().equals(ReadoutWeights.GATE_NAME)) {
            return new Tensor(tensor.name(), tensor.shape(), new float[] {1f});
        }
        if (tensor.name().equals(readoutName)) {
            return new Tensor(tensor.name(), tensor.shape(), new float[tensor.data().length]);
        }
        if (tensor.name().equals(ChannelAffineAdapter.SHIFT_NAME)) {
            return new Tensor(tensor.name(), tensor.shape(), new float[tensor.data().length]);
        }
        return tensor;
    }

    private void addParameter(Tensor tensor) {
        long[] dims = new long[tensor.shape().length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = tensor.shape()[i];
        }
        NDArray array = manager.create(tensor.data(), new Shape(dims));
        array.setRequiresGradient(true);
        parameters.put(tensor.name(), array);
        shapes.put(tensor.name(), tensor.shape().clone());
    }

    public AdapterCondition condition() {
        return condition;
    }

    public StimulationEncoding encoding() {
        return encoding;
    }

    public String description() {
        return description;
    }

    /** Whether the model reads a per-latent input besides the latent (reservoir and network-culture conditions). */
    public boolean usesStimulation() {
        return condition.usesReservoir() || network != null;
    }

    /**
     * Rows of the per-latent input {@link #stimulation} returns ({@code x 16} channels): levels x 576 stimulation
     * weights, or the electrodes of a network culture's activity.
     */
    public int stimulationRows() {
        return network != null ? network.electrodes() : levels.length * T;
    }

    /**
     * Makes the readout train on activity divided by its mean L1 norm over the electrodes (per latent and selected
     * channel, measured on {@code latents}), so that Adam's step of about the learning rate on every readout weight
     * moves an adapted latent by about the learning rate, as it does for the affine map, instead of by the sum of
     * thousands of electrodes' counts. Only the readout's parametrisation changes, not what the adapter can
     * compute; call before training, on the same latents for a run and its resume.
     *
     * @throws IllegalStateException for a model without activity (no reservoir or network culture)
     * @throws IllegalArgumentException when the latents give no activity at all
     */
    public void normaliseActivity(float[][] latents) {
        if (!usesStimulation()) {
            throw new IllegalStateException(condition.id() + " reads no activity to normalise");
        }
        double sum = 0;
        long count = 0;
        for (float[] latent : latents) {
            float[] activity = activity(latent);
            int electrodes = activity.length / C;
            for (int c : channels) {
                double norm = 0;
                for (int e = 0; e < electrodes; e++) {
                    norm += Math.abs(activity[e * C + c]);
                }
                sum += norm;
                count++;
            }
        }
        double scale = count == 0 ? 0 : sum / count;
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException(description + ": the " + latents.length + " latents give no "
                    + "activity to normalise by (mean L1 norm " + scale + ")");
        }
        activityScale = (float) scale;
    }

    /** The divisor of the activity the readout trains on: 1 unless {@link #normaliseActivity} set it. */
    public float activityScale() {
        return activityScale;
    }

    /** The activity {@code [electrodes][16]} (row-major) of one scaled latent, before normalisation. */
    private float[] activity(float[] latent) {
        if (network != null) {
            return network.activity(latent);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray stimulation = scope.create(stimulation(latent), new Shape(stimulationRows(), C));
            NDArray kernels = frozenReservoir;
            if (kernels == null) {
                kernels = parameters.get(RESERVOIR_NAME).stopGradient();
                kernels.attach(scope);
                kernels = kernels.reshape((long) levels.length * T, reservoirBank.electrodes());
            }
            NDArray transposed = kernels.transpose();
            transposed.attach(scope);
            return transposed.matMul(stimulation).toFloatArray();
        }
    }

    /** Current levels of the reservoir (empty without one). */
    public int levels() {
        return levels.length;
    }

    /** The trainable parameters by tensor name (empty for identity). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** Values the optimizer trains (readout and gate; the reservoir too when it is trainable). */
    public long trainableParameters() {
        long total = 0;
        for (NDArray p : parameters.values()) {
            total += p.size();
        }
        return total;
    }

    /** Fixed values of a frozen reservoir (stored, dense entries of the kernel bank); 0 otherwise. */
    public long frozenReservoirValues() {
        return frozenReservoir == null ? 0 : reservoirBank.nonZeros();
    }

    /**
     * Stimulation weights of one scaled latent (9216 floats) laid out {@code [levels*576][16]}, the layout
     * {@link #apply} reads.
     */
    public float[] stimulation(float[] latent) {
        if (network != null) {
            return network.activity(latent);
        }
        float[] out = new float[StimulationWeights.size(levels.length)];
        StimulationWeights.compute(encoding, activeTokens, channels, levels, latent, out);
        return out;
    }

    /**
     * The adapted latents {@code (B, 576, 16)}.
     *
     * @param latents scaled latents {@code (B, 576, 16)}; the pass's intermediates belong to their manager
     * @param stimulation {@code (B, stimulationRows, 16)} from {@link #stimulation}, or null without one
     */
    public NDArray apply(NDArray latents, NDArray stimulation) {
        return switch (condition) {
            case IDENTITY -> latents;
            case LOW_RANK -> {
                long batch = latents.getShape().get(0);
                NDManager scope = latents.getManager();
                NDArray hidden = latents.reshape(batch, LatentContract.LATENT_FLOATS)
                        .matMul(transposed(LowRankAdapter.DOWN_NAME, scope));
                NDArray delta = hidden.matMul(transposed(LowRankAdapter.UP_NAME, scope)).reshape(batch, T, C);
                yield latents.add(delta.mul(parameters.get(ReadoutWeights.GATE_NAME)));
            }
            case TOKEN_MAP -> {
                NDArray map = parameters.get(TokenMapAdapter.MAP_NAME);
                NDArray delta = map.matMul(latents);
                delta.attach(latents.getManager());
                yield latents.add(delta.mul(parameters.get(ReadoutWeights.GATE_NAME)));
            }
            case NETWORK_CULTURE -> {
                NDArray delta = parameters.get(ReadoutWeights.READOUT_NAME).matMul(stimulation);
                delta.attach(latents.getManager());
                delta = delta.div(activityScale);
                yield latents.add(delta.mul(parameters.get(ReadoutWeights.GATE_NAME)));
            }
            case CHANNEL_AFFINE -> {
                NDArray affine = latents.mul(parameters.get(ChannelAffineAdapter.SCALE_NAME))
                        .add(parameters.get(ChannelAffineAdapter.SHIFT_NAME));
                yield latents.add(affine.mul(parameters.get(ReadoutWeights.GATE_NAME)));
            }
            default -> {
                NDManager scope = latents.getManager();
                NDArray kernels = frozenReservoir;
                if (kernels == null) {
                    kernels = parameters.get(RESERVOIR_NAME).reshape((long) levels.length * T,
                            reservoirBank.electrodes());
                    kernels.attach(scope);
                }
                NDArray activity = stimulation.transpose(0, 2, 1).matMul(kernels);
                NDArray delta = activity.matMul(transposed(ReadoutWeights.READOUT_NAME, scope)).transpose(0, 2, 1)
                        .div(activityScale);
                yield latents.add(delta.mul(parameters.get(ReadoutWeights.GATE_NAME)));
            }
        };
    }

    /**
     * The transpose of parameter {@code name}, owned by {@code scope}: an operation's result belongs to its
     * receiver's manager, and a pass's intermediates must be freed with the pass, not live as long as the model.
     */
    private NDArray transposed(String name, NDManager scope) {
        NDArray result = parameters.get(name).transpose();
        result.attach(scope);
        return result;
    }

    /** The current trainable values as named tensors (copies), in {@link #parameters()} order. */
    public Map<String, Tensor> trainedTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            float[] values;
            try (NDArray detached = entry.getValue().stopGradient()) {
                values = detached.toFloatArray();
            }
            out.put(entry.getKey(), new Tensor(entry.getKey(), shapes.get(entry.getKey()).clone(), values));
        }
        return out;
    }

    /**
     * The trained values as the frame path computes with them (copies): {@link #trainedTensors()} with the activity
     * scale folded into the readout ({@code W / scale}).
     */
    public Map<String, Tensor> frameTensors() {
        Map<String, Tensor> out = trainedTensors();
        Tensor readout = out.get(ReadoutWeights.READOUT_NAME);
        if (readout != null && activityScale != 1f) {
            float[] folded = readout.data().clone();
            for (int i = 0; i < folded.length; i++) {
                folded[i] /= activityScale;
            }
            out.put(readout.name(), new Tensor(readout.name(), readout.shape(), folded));
        }
        return out;
    }

    /**
     * Replaces the trainable values with {@code tensors} (as {@link #trainedTensors} wrote them).
     *
     * @throws IllegalArgumentException naming a missing or wrongly shaped tensor
     */
    public void restore(Map<String, Tensor> tensors) {
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            Tensor t = tensors.get(entry.getKey());
            if (t == null) {
                throw new IllegalArgumentException("adapter state: tensor '" + entry.getKey() + "' is missing");
            }
            if (!java.util.Arrays.equals(t.shape(), shapes.get(entry.getKey()))) {
                throw new IllegalArgumentException("adapter state: tensor '" + entry.getKey() + "' has shape "
                        + java.util.Arrays.toString(t.shape()) + ", expected "
                        + java.util.Arrays.toString(shapes.get(entry.getKey())));
            }
            entry.getValue().set(t.data());
        }
    }

    /** The reservoir the model runs with now (the trained one for the fully trainable condition). */
    public KernelBank currentReservoir() {
        if (!condition.usesReservoir()) {
            throw new IllegalStateException(condition.id() + " has no reservoir");
        }
        if (!condition.trainsReservoir()) {
            return reservoirBank;
        }
        return KernelBank.fromTensor(trainedTensors().get(RESERVOIR_NAME), levels, T, reservoirBank.electrodes());
    }

    /**
     * The readout folded into the current reservoir, {@code F[t][l*576 + s] = sum_e W[t, e] * K[l, s, e] / scale}
     * ({@code 576 x levels*576}, row-major): with it, {@code delta[t, c] = sum_j F[t][j] * U[j][c]}.
     */
    public float[] foldedReadout() {
        if (!condition.usesReservoir()) {
            throw new IllegalStateException(condition.id() + " has no reservoir");
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray kernels = frozenReservoir;
            if (kernels == null) {
                kernels = parameters.get(RESERVOIR_NAME).stopGradient();
                kernels.attach(scope);
                kernels = kernels.reshape((long) levels.length * T, reservoirBank.electrodes());
            }
            NDArray readout = parameters.get(ReadoutWeights.READOUT_NAME).stopGradient();
            readout.attach(scope);
            NDArray transposed = kernels.transpose();
            transposed.attach(scope);
            return readout.matMul(transposed).div(activityScale).toFloatArray();
        }
    }

    /** The plain-Java frame-path adapter with the current values. */
    public LatentAdapter toLatentAdapter() {
        Map<String, Tensor> trained = frameTensors();
        return switch (condition) {
            case IDENTITY -> new IdentityAdapter();
            case LOW_RANK -> LowRankAdapter.fromTensors(trained);
            case TOKEN_MAP -> TokenMapAdapter.fromTensors(trained);
            case CHANNEL_AFFINE -> ChannelAffineAdapter.fromTensors(trained);
            case NETWORK_CULTURE -> throw new UnsupportedOperationException(condition.id() + " has no frame-path "
                    + "form: its response is a network simulation per frame");
            default -> new BioAdapter(encoding, currentReservoir(),
                    ReadoutWeights.fromTensors(trained, reservoirBank.electrodes()), description);
        };
    }

    @Override
    public void close() {
        manager.close();
    }
}
