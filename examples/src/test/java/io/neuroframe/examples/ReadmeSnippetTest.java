package io.neuroframe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code a game developer copies from the README's "Use it in your game" compiles as written. */
class ReadmeSnippetTest {
    private static final String SECTION = "## Use it in your game";

    @TempDir
    Path out;

    @Test
    void theReadmeSnippetCompilesInsideASimpleApplication() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "the README has the section " + SECTION);
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String snippet = readme.substring(start, readme.indexOf("```", start));
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String source = imports + "\npublic class ReadmeGame extends com.jme3.app.SimpleApplication {\n"
                + "    @Override\n    public void simpleInitApp() {\n    }\n\n"
                + "    void attachNeuroFrame() throws java.io.IOException {\n" + body + "    }\n}\n";

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeGame.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-classpath", classpath()));
        boolean compiled = compiler.getTask(errors, null, null, options, null, List.of(file)).call();
        assertTrue(compiled, "the README snippet does not compile:\n" + errors + "\n" + source);
        assertEquals(true, Files.isRegularFile(out.resolve("ReadmeGame.class")));
    }

    /** The test class path (surefire passes it in a property when it launches through a manifest jar). */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path", "")
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }
}
