#import "Common/ShaderLib/GLSLCompat.glsllib"
#import "NeuroFrame/ShaderLib/Upscale.glsllib"

uniform sampler2D m_Source;
uniform vec2 m_SourceSize;
uniform vec2 m_TargetSize;

varying vec2 texCoord;

// Edge-adaptive interpolation over the 4 x 4 texels i-1 .. i+2 around s (i = floor(s), f = s - i):
//  1. Luma Y = 0.299 R + 0.587 G + 0.114 B; at the four inner texels the central-difference
//     gradient g = ((Y(x+1) - Y(x-1)) / 2, (Y(y+1) - Y(y-1)) / 2).
//  2. Structure tensor J = sum b g g^T with b the bilinear weights of the inner texels at f.
//  3. Dominant gradient direction n: the half angle of (Jxx - Jyy, 2 Jxy); anisotropy
//     A = sqrt((Jxx - Jyy)^2 + 4 Jxy^2) / (Jxx + Jyy + EPSILON) in [0, 1]; the edge runs along
//     e = (-n.y, n.x).
//  4. Each texel at offset d from s gets the Lanczos-2 window sinc(r) sinc(r / 2) (r < 2) of the
//     elliptical distance r^2 = ((d.e) / (1 + STRETCH A))^2 + (d.n)^2: a round footprint in flat
//     or textured areas that lengthens along edges (STRETCH chosen by measuring demo frames).
//  5. out = sum w T / sum w, each channel clamped to the range of the four inner texels (no ringing).
#define EPSILON 1e-4
#define STRETCH 0.25

float lanczos2(float r) {
    return r < 2.0 ? sinc(r) * sinc(0.5 * r) : 0.0;
}

void main() {
    vec2 s = sourcePosition(targetPixel(texCoord, m_TargetSize), m_SourceSize, m_TargetSize);
    vec2 i = floor(s);
    vec2 f = s - i;

    vec4 t[16];
    float y[16];
    for (int j = 0; j < 4; j++) {
        for (int k = 0; k < 4; k++) {
            vec4 c = texelAt(m_Source, i + vec2(float(k - 1), float(j - 1)), m_SourceSize);
            t[j * 4 + k] = c;
            y[j * 4 + k] = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
        }
    }

    float jxx = 0.0;
    float jxy = 0.0;
    float jyy = 0.0;
    for (int j = 1; j <= 2; j++) {
        for (int k = 1; k <= 2; k++) {
            float gx = 0.5 * (y[j * 4 + k + 1] - y[j * 4 + k - 1]);
            float gy = 0.5 * (y[(j + 1) * 4 + k] - y[(j - 1) * 4 + k]);
            float b = (k == 1 ? 1.0 - f.x : f.x) * (j == 1 ? 1.0 - f.y : f.y);
            jxx += b * gx * gx;
            jxy += b * gx * gy;
            jyy += b * gy * gy;
        }
    }
    float diff = jxx - jyy;
    float coherence = sqrt(diff * diff + 4.0 * jxy * jxy);
    float anisotropy = coherence / (jxx + jyy + EPSILON);
    vec2 n = vec2(1.0, 0.0);
    if (coherence > 0.0) {
        float cos2 = diff / coherence;
        n.x = sqrt(max(0.0, 0.5 * (1.0 + cos2)));
        n.y = sqrt(max(0.0, 0.5 * (1.0 - cos2)));
        n.y = jxy < 0.0 ? -n.y : n.y;
    }
    float along = 1.0 / (1.0 + STRETCH * anisotropy);

    float sum = 0.0;
    vec4 colour = vec4(0.0);
    for (int j = 0; j < 4; j++) {
        for (int k = 0; k < 4; k++) {
            vec2 d = vec2(float(k - 1), float(j - 1)) - f;
            float u = (d.x * -n.y + d.y * n.x) * along;
            float v = d.x * n.x + d.y * n.y;
            float w = lanczos2(sqrt(u * u + v * v));
            sum += w;
            colour += w * t[j * 4 + k];
        }
    }
    colour *= 1.0 / max(sum, 1e-5);
    vec4 lo = min(min(t[5], t[6]), min(t[9], t[10]));
    vec4 hi = max(max(t[5], t[6]), max(t[9], t[10]));
    gl_FragColor = clamp(colour, lo, hi);
}
