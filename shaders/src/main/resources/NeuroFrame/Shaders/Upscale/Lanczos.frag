#import "Common/ShaderLib/GLSLCompat.glsllib"
#import "NeuroFrame/ShaderLib/Upscale.glsllib"

uniform sampler2D m_Source;
uniform vec2 m_SourceSize;
uniform vec2 m_TargetSize;

varying vec2 texCoord;

// Lanczos with a = 3:  L(x) = sinc(x) sinc(x / 3) for |x| < 3, else 0;  sinc(x) = sin(pi x) / (pi x).
// For i = floor(s), f = s - i the taps i-2 .. i+3 sit at x = k - f (k = -2 .. 3). The weights of
// each axis are divided by their sum so that flat areas stay flat, and applied separably:
//   out = sum_j sum_k wy(j) wx(k) T(i + (k, j)) / (sum wx * sum wy)   over 6 x 6 texels.
void main() {
    vec2 s = sourcePosition(targetPixel(texCoord, m_TargetSize), m_SourceSize, m_TargetSize);
    vec2 i = floor(s);
    vec2 f = s - i;
    float wx[6];
    float wy[6];
    vec2 total = vec2(0.0);
    for (int k = 0; k < 6; k++) {
        vec2 x = vec2(float(k - 2)) - f;
        wx[k] = sinc(x.x) * sinc(x.x / 3.0);
        wy[k] = sinc(x.y) * sinc(x.y / 3.0);
        total += vec2(wx[k], wy[k]);
    }
    vec4 sum = vec4(0.0);
    for (int j = 0; j < 6; j++) {
        vec4 row = vec4(0.0);
        for (int k = 0; k < 6; k++) {
            row += (wx[k] / total.x) * texelAt(m_Source, i + vec2(float(k - 2), float(j - 2)), m_SourceSize);
        }
        sum += (wy[j] / total.y) * row;
    }
    gl_FragColor = sum;
}
