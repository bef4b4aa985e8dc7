#import "Common/ShaderLib/GLSLCompat.glsllib"

uniform sampler2D m_Atlas;
uniform vec4 m_LightColor;
uniform vec4 m_FogColor;
uniform float m_FogStart;
uniform float m_FogEnd;

varying vec2 texCoord;
varying vec4 shade;
varying float viewDistance;

void main() {
    vec4 texel = texture2D(m_Atlas, texCoord);
    // shade.rgb: face direction x ambient occlusion; shade.a: the block's emission
    vec3 light = mix(m_LightColor.rgb * shade.rgb, vec3(1.0), shade.a);
    float fog = clamp((viewDistance - m_FogStart) / max(m_FogEnd - m_FogStart, 0.001), 0.0, 1.0);
    fog = fog * fog * (3.0 - 2.0 * fog);
    gl_FragColor = vec4(mix(texel.rgb * light, m_FogColor.rgb, fog), texel.a);
}
