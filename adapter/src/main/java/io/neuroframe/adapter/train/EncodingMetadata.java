package io.neuroframe.adapter.train;

import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.mea.SiteLayout;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.mea.TokenRegion;
import io.neuroframe.api.LatentContract;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link StimulationEncoding} as string metadata of an exported adapter file, and back. */
final class EncodingMetadata {

    /** Per-channel saturations from the codec's latent statistics, comma-separated (absent when not used). */
    static final String CHANNEL_SATURATION = "channel_saturation_latent";

    private EncodingMetadata() {
    }

    static Map<String, String> write(StimulationEncoding encoding) {
        MeaGeometry g = encoding.geometry();
        TokenRegion r = encoding.region();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mea_rows", Integer.toString(g.rows()));
        m.put("mea_cols", Integer.toString(g.cols()));
        m.put("mea_pitch_um", Double.toString(g.pitchUm()));
        m.put("site_layout", encoding.layout().name());
        m.put("channels", String.join(",", Arrays.stream(encoding.channels()).mapToObj(Integer::toString).toList()));
        m.put("region", r.rowStart() + "," + r.rowEnd() + "," + r.colStart() + "," + r.colEnd());
        m.put("max_current_ua", Float.toString(encoding.maxCurrentUa()));
        m.put("saturation_latent", Float.toString(encoding.saturationLatent()));
        if (encoding.hasChannelSaturation()) {
            StringBuilder perChannel = new StringBuilder();
            for (int c = 0; c < LatentContract.CHANNELS; c++) {
                perChannel.append(c == 0 ? "" : ",").append(encoding.saturationLatent(c));
            }
            m.put(CHANNEL_SATURATION, perChannel.toString());
        }
        m.put("sign_mode", encoding.signMode().name());
        return m;
    }

    /**
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    static StimulationEncoding read(Map<String, String> m, String source) {
        String field = "mea_rows";
        try {
            MeaGeometry geometry = new MeaGeometry(Integer.parseInt(required(m, field = "mea_rows")),
                    Integer.parseInt(required(m, field = "mea_cols")),
                    Double.parseDouble(required(m, field = "mea_pitch_um")));
            int[] region = Arrays.stream(required(m, field = "region").split(",")).mapToInt(Integer::parseInt)
                    .toArray();
            StimulationEncoding.Builder builder = StimulationEncoding.builder(geometry);
            if (m.containsKey(field = CHANNEL_SATURATION)) {
                String[] values = m.get(CHANNEL_SATURATION).split(",");
                float[] perChannel = new float[values.length];
                for (int c = 0; c < values.length; c++) {
                    perChannel[c] = Float.parseFloat(values[c]);
                }
                builder.channelSaturation(perChannel);
            }
            return builder
                    .layout(SiteLayout.valueOf(required(m, field = "site_layout")))
                    .channels(Arrays.stream(required(m, field = "channels").split(","))
                            .mapToInt(Integer::parseInt).toArray())
                    .region(new TokenRegion(region[0], region[1], region[2], region[3]))
                    .maxCurrentUa(Float.parseFloat(required(m, field = "max_current_ua")))
                    .saturationLatent(Float.parseFloat(required(m, field = "saturation_latent")))
                    .signMode(StimulationEncoding.SignMode.valueOf(required(m, field = "sign_mode")))
                    .build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": metadata field '" + field + "' is missing or malformed ("
                    + e.getMessage() + ")", e);
        }
    }

    private static String required(Map<String, String> m, String key) {
        String value = m.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing");
        }
        return value;
    }
}
