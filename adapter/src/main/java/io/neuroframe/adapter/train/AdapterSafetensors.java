package io.neuroframe.adapter.train;

import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.BioAdapter;
import io.neuroframe.adapter.ChannelAffineAdapter;
import io.neuroframe.adapter.IdentityAdapter;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.adapter.LowRankAdapter;
import io.neuroframe.adapter.ReadoutWeights;
import io.neuroframe.adapter.TokenMapAdapter;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.weights.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained adapter as a self-contained safetensors file (F32), loaded back as the plain-Java frame-path
 * {@link LatentAdapter}.
 *
 * <p>Tensors: the trained values under their names ({@code readout.weight} {@code [576, electrodes]} and
 * {@code gate} {@code [1]}, or {@code lowrank.down}, {@code lowrank.up} and {@code gate}); reservoir conditions
 * add the reservoir they ran with, {@code reservoir.kernels} {@code [levels, 576, electrodes]} (dense), and its
 * current levels {@code reservoir.currents_ua} {@code [levels]}. Metadata: {@code format}
 * ({@value #FORMAT}), {@code condition} (an {@link AdapterCondition#id()}), {@code description} and the
 * stimulation encoding (array rows, columns and pitch, site layout, channels, token region, top current,
 * saturation and sign mode).
 */
public final class AdapterSafetensors {

    /** Value of the {@code format} metadata field. */
    public static final String FORMAT = "neuroframe.adapter-1";
    /** Tensor name of the reservoir's current levels. */
    public static final String CURRENTS_NAME = "reservoir.currents_ua";

    private AdapterSafetensors() {
    }

    /** Writes {@code model}'s current state to {@code file} (atomically). */
    public static void write(AdapterModel model, Path file) throws IOException {
        if (!model.condition().hasFramePath()) {
            throw new IllegalArgumentException(model.description() + ": " + model.condition().id()
                    + " has no frame-path form to export");
        }
        List<Tensor> tensors = new ArrayList<>(model.frameTensors().values());
        if (model.condition().usesReservoir()) {
            KernelBank reservoir = model.currentReservoir();
            if (!model.condition().trainsReservoir()) {
                tensors.add(reservoir.toTensor(AdapterModel.RESERVOIR_NAME));
            }
            float[] levels = reservoir.currentLevelsUa();
            tensors.add(new Tensor(CURRENTS_NAME, new int[] {levels.length}, levels));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("condition", model.condition().id());
        metadata.put("description", model.description());
        metadata.putAll(EncodingMetadata.write(model.encoding()));
        SafetensorsWriter.write(file, tensors, metadata, SafetensorsDtype.F32);
    }

    /**
     * Loads the adapter in {@code file} as the plain-Java frame-path adapter.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and the missing, malformed or wrongly shaped field or tensor
     */
    public static LatentAdapter read(Path file) throws IOException {
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            Map<String, String> m = safetensors.metadata();
            if (!FORMAT.equals(m.get("format"))) {
                throw new IllegalArgumentException(file + ": not an exported adapter (metadata format is "
                        + m.get("format") + ", expected " + FORMAT + ")");
            }
            AdapterCondition condition;
            try {
                condition = AdapterCondition.fromId(String.valueOf(m.get("condition")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            Map<String, Tensor> tensors = safetensors.readAll();
            try {
                return switch (condition) {
                    case IDENTITY -> new IdentityAdapter();
                    case LOW_RANK -> LowRankAdapter.fromTensors(tensors);
                    case TOKEN_MAP -> TokenMapAdapter.fromTensors(tensors);
                    case CHANNEL_AFFINE -> ChannelAffineAdapter.fromTensors(tensors);
                    default -> reservoirAdapter(tensors, EncodingMetadata.read(m, file.toString()),
                            m.getOrDefault("description", condition.id()));
                };
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private static LatentAdapter reservoirAdapter(Map<String, Tensor> tensors, StimulationEncoding encoding,
            String description) {
        Tensor currents = tensors.get(CURRENTS_NAME);
        Tensor kernels = tensors.get(AdapterModel.RESERVOIR_NAME);
        if (currents == null || kernels == null) {
            throw new IllegalArgumentException("a reservoir adapter needs tensors " + CURRENTS_NAME + " and "
                    + AdapterModel.RESERVOIR_NAME + " (have " + tensors.keySet() + ")");
        }
        int electrodes = encoding.geometry().electrodes();
        KernelBank bank = KernelBank.fromTensor(kernels, currents.data(), LatentContract.TOKENS, electrodes);
        return new BioAdapter(encoding, bank, ReadoutWeights.fromTensors(tensors, electrodes), description);
    }
}
