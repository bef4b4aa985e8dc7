#import "Common/ShaderLib/GLSLCompat.glsllib"
// Deliberately invalid: an undeclared variable and a missing semicolon.
void main() {
    gl_FragColor = vec4(undeclaredColour, 1.0)
}
