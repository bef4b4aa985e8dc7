package io.neuroframe.adapter.train;

import io.neuroframe.adapter.culture.PatternResponse;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.weights.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The activity a culture's network gives each cached latent when each channel's whole stimulation pattern (all
 * token sites at once, {@link PatternResponse}) drives it: for channel c, the sites of positive values are
 * stimulated together, then (a separate pattern from the same settled state) those of negative values, and the
 * activity is the first count minus the second ({@link StimulationEncoding.SignMode#SIGNED}) or their sum
 * ({@link StimulationEncoding.SignMode#MAGNITUDE}). Currents come from the encoding (per-channel saturation
 * included); tokens outside its region and unselected channels do not stimulate.
 *
 * <p>Simulating costs milliseconds per pattern, so the responses are computed once per latent and kept by the
 * latent array's identity (cached latents are fixed arrays), and {@link #precompute} stores them in a file that a
 * later run reads instead of simulating again. The background noise of a pattern depends only on its channel and
 * sign, so every latent meets the same network realisation, whatever the order or thread it is simulated in.
 */
public final class NetworkResponses {

    private final PatternResponse culture;
    private final StimulationEncoding encoding;
    private final String name;
    private static final String FORMAT = "neuroframe.network-responses";

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

    /**
     * Keeps the responses of every latent in {@code parts}: read from {@code file} when it holds this culture's
     * responses to exactly these latents under this encoding (its key hashes all three), otherwise simulated on
     * every core and then written to {@code file} (replacing what it held).
     *
     * @return true when the responses were read from {@code file}
     * @throws IOException if the file cannot be read or written
     */
    public boolean precompute(Path file, List<float[][]> parts) throws IOException {
        String key = key(parts);
        if (Files.isRegularFile(file) && readStored(file, key, parts)) {
            return true;
        }
        List<Tensor> tensors = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            float[][] latents = parts.get(p);
            float[][] activities = new float[latents.length][];
            IntStream.range(0, latents.length).parallel().forEach(i -> activities[i] = simulate(latents[i]));
            float[] flat = new float[latents.length * activityLength()];
            synchronized (this) {
                for (int i = 0; i < latents.length; i++) {
                    cache.putIfAbsent(latents[i], activities[i]);
                    System.arraycopy(cache.get(latents[i]), 0, flat, i * activityLength(), activityLength());
                }
            }
            tensors.add(new Tensor(partName(p), new int[] {latents.length, activityLength()}, flat));
        }
        SafetensorsWriter.write(file, tensors, Map.of("format", FORMAT, "key", key, "culture", name),
                SafetensorsDtype.F32);
        return false;
    }

    private boolean readStored(Path file, String key, List<float[][]> parts) throws IOException {
        try (SafetensorsFile stored = SafetensorsFile.open(file)) {
            if (!FORMAT.equals(stored.metadata().get("format")) || !key.equals(stored.metadata().get("key"))) {
                return false;
            }
            for (int p = 0; p < parts.size(); p++) {
                float[][] latents = parts.get(p);
                Tensor tensor = stored.read(partName(p));
                if (tensor.data().length != latents.length * activityLength()) {
                    throw new IOException(file + ": tensor " + partName(p) + " holds " + tensor.data().length
                            + " values, expected " + latents.length + " responses of " + activityLength());
                }
                synchronized (this) {
                    for (int i = 0; i < latents.length; i++) {
                        cache.put(latents[i], java.util.Arrays.copyOfRange(tensor.data(), i * activityLength(),
                                (i + 1) * activityLength()));
                    }
                }
            }
            return true;
        }
    }

    private static String partName(int part) {
        return "part" + part;
    }

    private int activityLength() {
        return culture.electrodes() * LatentContract.CHANNELS;
    }

    /** A hash of the culture (name, parameters, seed), the encoding and every latent's values. */
    private String key(List<float[][]> parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((name + "|" + culture.parameters() + "|seed " + culture.seed() + "|"
                    + EncodingMetadata.write(encoding)).getBytes(StandardCharsets.UTF_8));
            ByteBuffer bytes = ByteBuffer.allocate(LatentContract.LATENT_FLOATS * Float.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (float[][] latents : parts) {
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(latents.length).array());
                for (float[] latent : latents) {
                    bytes.clear();
                    bytes.asFloatBuffer().put(latent);
                    digest.update(bytes.array(), 0, latent.length * Float.BYTES);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The activity {@code [electrodes][16]} (row-major) of {@code latent}: computed on first use, then kept. Channels
     * that are not selected have zero activity.
     */
    public synchronized float[] activity(float[] latent) {
        return cache.computeIfAbsent(latent, this::simulate);
    }

    private float[] simulate(float[] latent) {
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
        return activity;
    }
}
