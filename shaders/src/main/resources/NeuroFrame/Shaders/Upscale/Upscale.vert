// Shared by the upscaling passes: draws the geometry (a Picture or a Quad covering the target)
// and hands its texture coordinates, [0, 1] across the target, to the fragment shader.
#import "Common/ShaderLib/GLSLCompat.glsllib"

uniform mat4 g_WorldViewProjectionMatrix;

attribute vec3 inPosition;
attribute vec2 inTexCoord;

varying vec2 texCoord;

void main() {
    texCoord = inTexCoord;
    gl_Position = g_WorldViewProjectionMatrix * vec4(inPosition, 1.0);
}
