#import "Common/ShaderLib/GLSLCompat.glsllib"
#import "NeuroFrame/ShaderLib/Upscale.glsllib"

uniform sampler2D m_Source;
uniform vec2 m_SourceSize;
uniform vec2 m_TargetSize;

varying vec2 texCoord;

// Catmull-Rom, the cubic convolution kernel with a = -0.5:
//   k(x) = 1.5|x|^3 - 2.5|x|^2 + 1          for |x| <= 1
//   k(x) = -0.5|x|^3 + 2.5|x|^2 - 4|x| + 2  for 1 < |x| < 2
// For i = floor(s), f = s - i the taps i-1, i, i+1, i+2 get
//   w(-1) = f (-1 + f (2 - f)) / 2,   w(0) = (2 + f^2 (-5 + 3f)) / 2,
//   w(1)  = f (1 + f (4 - 3f)) / 2,   w(2) = f^2 (f - 1) / 2        (they sum to 1),
// applied separably: out = sum_j sum_k wy(j) wx(k) T(i + (k, j)) over 4 x 4 texels.
vec4 catmullRom(float f) {
    return vec4(0.5 * f * (-1.0 + f * (2.0 - f)),
                0.5 * (2.0 + f * f * (-5.0 + 3.0 * f)),
                0.5 * f * (1.0 + f * (4.0 - 3.0 * f)),
                0.5 * f * f * (f - 1.0));
}

void main() {
    vec2 s = sourcePosition(targetPixel(texCoord, m_TargetSize), m_SourceSize, m_TargetSize);
    vec2 i = floor(s);
    vec2 f = s - i;
    vec4 wx = catmullRom(f.x);
    vec4 wy = catmullRom(f.y);
    vec4 sum = vec4(0.0);
    for (int j = 0; j < 4; j++) {
        vec4 row = vec4(0.0);
        for (int k = 0; k < 4; k++) {
            row += wx[k] * texelAt(m_Source, i + vec2(float(k - 1), float(j - 1)), m_SourceSize);
        }
        sum += wy[j] * row;
    }
    gl_FragColor = sum;
}
