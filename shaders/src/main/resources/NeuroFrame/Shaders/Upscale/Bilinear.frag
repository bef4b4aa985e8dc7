#import "Common/ShaderLib/GLSLCompat.glsllib"
#import "NeuroFrame/ShaderLib/Upscale.glsllib"

uniform sampler2D m_Source;
uniform vec2 m_SourceSize;
uniform vec2 m_TargetSize;

varying vec2 texCoord;

// Bilinear interpolation, computed explicitly rather than by the sampler (whose weights have
// only a few bits of sub-texel precision on many GPUs):
//   i = floor(s), f = s - i
//   out = (1 - fy) ((1 - fx) T(i) + fx T(i + (1,0))) + fy ((1 - fx) T(i + (0,1)) + fx T(i + (1,1)))
void main() {
    vec2 s = sourcePosition(targetPixel(texCoord, m_TargetSize), m_SourceSize, m_TargetSize);
    vec2 i = floor(s);
    vec2 f = s - i;
    vec4 row0 = (1.0 - f.x) * texelAt(m_Source, i, m_SourceSize)
              + f.x * texelAt(m_Source, i + vec2(1.0, 0.0), m_SourceSize);
    vec4 row1 = (1.0 - f.x) * texelAt(m_Source, i + vec2(0.0, 1.0), m_SourceSize)
              + f.x * texelAt(m_Source, i + vec2(1.0, 1.0), m_SourceSize);
    gl_FragColor = (1.0 - f.y) * row0 + f.y * row1;
}
