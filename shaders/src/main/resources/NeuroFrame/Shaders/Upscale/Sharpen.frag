#import "Common/ShaderLib/GLSLCompat.glsllib"
#import "NeuroFrame/ShaderLib/Upscale.glsllib"

uniform sampler2D m_Source;
uniform vec2 m_SourceSize;
uniform float m_Sharpness;

varying vec2 texCoord;

// Contrast-adaptive sharpening at unchanged size. For pixel c and its neighbours n, s, e, w,
// D = n + s + e + w - 4c per channel and out = c - t D = c + 4t (c - mean(n, s, e, w)): an unsharp
// mask of strength t = Sharpness * MAX_STRENGTH, limited so that no channel leaves the [min, max]
// of the five pixels. A channel with D > 0 allows t <= (c - min) / D, one with D < 0 allows
// t <= (max - c) / -D, one with |D| < FLAT sets no limit; the smallest limit wins, shared by all
// channels (no colour shift). Ramps get steeper, nothing overshoots, extrema are left alone.
#define MAX_STRENGTH 0.5
#define FLAT 1e-6
#define NO_LIMIT 1e6

void main() {
    vec2 p = targetPixel(texCoord, m_SourceSize);
    vec4 c = texelAt(m_Source, p, m_SourceSize);
    vec3 north = texelAt(m_Source, p + vec2(0.0, -1.0), m_SourceSize).rgb;
    vec3 south = texelAt(m_Source, p + vec2(0.0, 1.0), m_SourceSize).rgb;
    vec3 west = texelAt(m_Source, p + vec2(-1.0, 0.0), m_SourceSize).rgb;
    vec3 east = texelAt(m_Source, p + vec2(1.0, 0.0), m_SourceSize).rgb;
    vec3 lo = min(c.rgb, min(min(north, south), min(west, east)));
    vec3 hi = max(c.rgb, max(max(north, south), max(west, east)));
    vec3 laplace = north + south + west + east - 4.0 * c.rgb;
    vec3 room = mix(hi - c.rgb, c.rgb - lo, step(0.0, laplace));
    vec3 magnitude = abs(laplace);
    vec3 limit = mix(vec3(NO_LIMIT), room / max(magnitude, vec3(FLAT)), step(FLAT, magnitude));
    float t = min(m_Sharpness * MAX_STRENGTH, min(limit.r, min(limit.g, limit.b)));
    gl_FragColor = vec4(c.rgb - t * laplace, c.a);
}
