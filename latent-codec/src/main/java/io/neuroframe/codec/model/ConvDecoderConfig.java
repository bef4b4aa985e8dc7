package io.neuroframe.codec.model;

import io.neuroframe.api.LatentContract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shapes of a convolutional decoder without attention for the latent contract: 18 x 32 tokens of
 * 16 channels in, 360 x 640 RGB out (x20).
 *
 * <p>Forward pass (SiLU activations, 3x3 convolutions padded by 1, channel-first):
 * <pre>
 * x = silu(conv3x3(z / SCALING_FACTOR))                       stem, 18 x 32 x stemChannels
 * x = x + silu(conv3x3(x))                                     stemBlocks times
 * for each stage (factor f, channels c, blocks n):
 *   x = pixelShuffle(conv1x1(x -> c*f*f), f)                   x f resolution, c channels
 *   x = x + silu(conv3x3(x))                                   n times
 * y = pixelShuffle(conv1x1(x -> 3*outputFactor^2), outputFactor)   image in [-1, 1]
 * </pre>
 * {@code pixelShuffle} is ONNX's DepthToSpace in CRD order: output channel {@code c} at offset
 * {@code (i, j)} of each f x f block comes from input channel {@code c*f*f + i*f + j}. The
 * product of the stage factors and {@code outputFactor} must be the patch size (20).
 *
 * @param name preset key, e.g. {@code nf-tiny}
 * @param stemChannels channels at token resolution
 * @param stemBlocks residual 3x3 convolutions at token resolution
 * @param stages upsampling stages, coarse to fine
 * @param outputFactor upsampling of the final 1x1 projection to RGB
 */
public record ConvDecoderConfig(String name, int stemChannels, int stemBlocks, List<Stage> stages, int outputFactor) {

    /** One upsampling stage: a 1x1 projection, a pixel shuffle by {@code factor}, {@code blocks} residual convolutions. */
    public record Stage(int factor, int channels, int blocks) {
        public Stage {
            if (factor < 1 || channels < 1 || blocks < 0) {
                throw new IllegalArgumentException("stage needs factor >= 1, channels >= 1 and blocks >= 0, got factor="
                        + factor + ", channels=" + channels + ", blocks=" + blocks);
            }
        }
    }

    /**
     * The cheap rung of the budget ladder: 128 channels and one residual block at token resolution,
     * then x2 to 48 channels, x2 to 32 channels (one block each), and a x5 pixel-shuffle projection.
     * Channel counts are multiples of 16: PyTorch 2.7.1's CPU convolution gave wrong results here
     * for 24 channels at 36x64 and 72x128 (the parity test guards this).
     */
    public static final ConvDecoderConfig NF_TINY = new ConvDecoderConfig("nf-tiny", 128, 1,
            List.of(new Stage(2, 48, 1), new Stage(2, 32, 1)), 5);

    /** Every named preset. */
    public static final List<ConvDecoderConfig> PRESETS = List.of(NF_TINY);

    public ConvDecoderConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (stemChannels < 1 || stemBlocks < 0 || outputFactor < 1) {
            throw new IllegalArgumentException(name + ": needs stemChannels >= 1, stemBlocks >= 0 and outputFactor >= 1, got "
                    + stemChannels + ", " + stemBlocks + ", " + outputFactor);
        }
        stages = List.copyOf(stages);
        int total = outputFactor;
        for (Stage s : stages) {
            total *= s.factor();
        }
        if (total != LatentContract.PATCH_SIZE) {
            throw new IllegalArgumentException(name + ": the upsampling factors multiply to " + total
                    + ", the latent contract needs " + LatentContract.PATCH_SIZE);
        }
    }

    /**
     * The preset called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known presets if there is none of that name
     */
    public static ConvDecoderConfig preset(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ConvDecoderConfig preset : PRESETS) {
            if (preset.name().equals(key)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown convolutional decoder preset '" + name + "'; known presets: "
                + String.join(", ", PRESETS.stream().map(ConvDecoderConfig::name).toList()));
    }

    /** One convolution of the network, in forward order. */
    public record Conv(String name, int in, int out, int kernel, int height, int width) {
        /** {@code [out, in, k, k]}. */
        public int[] weightShape() {
            return new int[] {out, in, kernel, kernel};
        }

        /** Multiply-adds times two over one image. */
        public long flops() {
            return 2L * height * width * out * in * kernel * kernel;
        }
    }

    /** Every convolution in forward order (weights {@code NAME.weight}, biases {@code NAME.bias}). */
    public List<Conv> convs() {
        List<Conv> convs = new ArrayList<>();
        int h = LatentContract.TOKEN_ROWS;
        int w = LatentContract.TOKEN_COLS;
        convs.add(new Conv("stem", LatentContract.CHANNELS, stemChannels, 3, h, w));
        for (int i = 0; i < stemBlocks; i++) {
            convs.add(new Conv("stem.blocks." + i, stemChannels, stemChannels, 3, h, w));
        }
        int channels = stemChannels;
        for (int s = 0; s < stages.size(); s++) {
            Stage stage = stages.get(s);
            convs.add(new Conv("up." + s + ".proj", channels, stage.channels() * stage.factor() * stage.factor(), 1, h, w));
            h *= stage.factor();
            w *= stage.factor();
            channels = stage.channels();
            for (int i = 0; i < stage.blocks(); i++) {
                convs.add(new Conv("up." + s + ".blocks." + i, channels, channels, 3, h, w));
            }
        }
        convs.add(new Conv("out", channels, LatentContract.IMAGE_CHANNELS * outputFactor * outputFactor, 1, h, w));
        return convs;
    }

    /** Every tensor name with its shape, in forward order. */
    public Map<String, int[]> tensors() {
        Map<String, int[]> tensors = new LinkedHashMap<>();
        for (Conv c : convs()) {
            tensors.put(c.name() + ".weight", c.weightShape());
            tensors.put(c.name() + ".bias", new int[] {c.out()});
        }
        return tensors;
    }

    /** Parameters in all. */
    public long parameterCount() {
        long n = 0;
        for (Conv c : convs()) {
            n += (long) c.out() * c.in() * c.kernel() * c.kernel() + c.out();
        }
        return n;
    }

    /** FLOPs of one frame's convolutions (activations, additions and shuffles, under 1%, left out). */
    public long flops() {
        return convs().stream().mapToLong(Conv::flops).sum();
    }

    /** The config as safetensors metadata. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("neuroframe.conv.preset", name);
        m.put("neuroframe.conv.stem_channels", Integer.toString(stemChannels));
        m.put("neuroframe.conv.stem_blocks", Integer.toString(stemBlocks));
        StringBuilder s = new StringBuilder();
        for (Stage stage : stages) {
            s.append(s.isEmpty() ? "" : ",").append(stage.factor()).append('x').append(stage.channels())
                    .append('x').append(stage.blocks());
        }
        m.put("neuroframe.conv.stages", s.toString());
        m.put("neuroframe.conv.output_factor", Integer.toString(outputFactor));
        return m;
    }

    /**
     * Reads a config written by {@link #toMetadata()}.
     *
     * @throws IllegalArgumentException naming the metadata when it does not describe a config
     */
    public static ConvDecoderConfig fromMetadata(Map<String, String> m) {
        try {
            List<Stage> stages = new ArrayList<>();
            String text = m.get("neuroframe.conv.stages");
            if (!text.isEmpty()) {
                for (String part : text.split(",")) {
                    String[] f = part.split("x");
                    stages.add(new Stage(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])));
                }
            }
            return new ConvDecoderConfig(m.get("neuroframe.conv.preset"),
                    Integer.parseInt(m.get("neuroframe.conv.stem_channels")),
                    Integer.parseInt(m.get("neuroframe.conv.stem_blocks")), stages,
                    Integer.parseInt(m.get("neuroframe.conv.output_factor")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("metadata does not describe a convolutional decoder: " + m, e);
        }
    }

    /** Whether a safetensors file's metadata describes a convolutional decoder. */
    public static boolean describedBy(Map<String, String> metadata) {
        return metadata.containsKey("neuroframe.conv.preset");
    }
}
