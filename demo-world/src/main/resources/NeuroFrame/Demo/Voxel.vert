#import "Common/ShaderLib/GLSLCompat.glsllib"

uniform mat4 g_WorldViewProjectionMatrix;
uniform mat4 g_WorldViewMatrix;

attribute vec3 inPosition;
attribute vec2 inTexCoord;
attribute vec4 inColor;

varying vec2 texCoord;
varying vec4 shade;
varying float viewDistance;

void main() {
    texCoord = inTexCoord;
    shade = inColor;
    vec4 position = vec4(inPosition, 1.0);
    viewDistance = length((g_WorldViewMatrix * position).xyz);
    gl_Position = g_WorldViewProjectionMatrix * position;
}
