#import "Common/ShaderLib/GLSLCompat.glsllib"

uniform vec4 m_Zenith;
uniform vec4 m_Horizon;
uniform vec4 m_SunColor;
uniform vec3 m_SunDirection;
uniform float m_StarBrightness;

varying vec3 direction;

float hash(vec3 p) {
    return fract(sin(dot(p, vec3(12.9898, 78.233, 45.164))) * 43758.5453);
}

void main() {
    vec3 dir = normalize(direction);
    // gradient: t = elevation^0.6 keeps a wide band of horizon colour
    float t = pow(clamp(dir.y, 0.0, 1.0), 0.6);
    vec3 color = mix(m_Horizon.rgb, m_Zenith.rgb, t);

    // sun: sharp disc plus a soft glow; the moon sits opposite
    float sun = dot(dir, normalize(m_SunDirection));
    color += m_SunColor.rgb * (smoothstep(0.9985, 0.999, sun) * 4.0 + pow(max(sun, 0.0), 24.0) * 0.25);
    float moon = dot(dir, -normalize(m_SunDirection));
    color += vec3(0.85, 0.88, 1.0) * smoothstep(0.9992, 0.9995, moon) * m_StarBrightness;

    // stars: a sparse hash on a fine direction grid, above the horizon only
    vec3 cell = floor(dir * 300.0);
    float star = step(0.9985, hash(cell)) * smoothstep(0.05, 0.3, dir.y);
    color += vec3(star * m_StarBrightness);

    gl_FragColor = vec4(color, 1.0);
}
