package dev.scafctl.dsl

import dev.scafctl.error.InvalidInputException
import dev.scafctl.error.ScafctlException
import dev.scafctl.format.Formats
import dev.scafctl.io.BoundedFiles
import groovy.transform.CompileStatic
import groovy.transform.TypeChecked
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer

import java.nio.file.NoSuchFileException
import java.nio.file.Path

/**
 * Runs a workflow script with {@link ScafctlScript} as its base class, type-checked, so that a
 * misspelt DSL method fails before anything runs, naming the script's line.
 */
@CompileStatic
final class DslRunner {
    private DslRunner() {
    }

    static Object run(Path script, List<String> args) {
        String text
        try {
            text = BoundedFiles.readText(script, Formats.MAX_DOCUMENT_CHARS, 'script',
                    'a workflow script is a small Groovy file: keep large data in files it reads')
        } catch (NoSuchFileException ignored) {
            throw new InvalidInputException("script not found: ${script}", 'check the path of the .groovy file')
        }
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = ScafctlScript.name
        config.addCompilationCustomizers(new ASTTransformationCustomizer(TypeChecked))
        GroovyShell shell = new GroovyShell(DslRunner.classLoader, new Binding(args as String[]), config)
        Script compiled
        String name = script.fileName.toString()
        try {
            compiled = shell.parse(stripJBangHeader(text), name)
        } catch (MultipleCompilationErrorsException e) {
            throw new InvalidInputException("${script}: the script does not compile:\n" + e.message.readLines()
                    .findAll { !it.startsWith('startup failed') && !it.isBlank() }.join('\n'),
                    'fix the script at the line shown; the DSL methods are those of dev.scafctl.dsl.ScafctlScript')
        }
        try {
            return compiled.run()
        } catch (ScafctlException e) {
            throw withLine(e, script, name)
        } catch (RuntimeException e) {
            Integer line = scriptLine(e, name)
            throw new ScafctlException("${script}${line ? ':' + line : ''}: ${e}", 'fix the script at that line', e)
        }
    }

    /** The JBang directives of a script ({@code //DEPS}, the base-script line) mean nothing here. */
    private static String stripJBangHeader(String text) {
        text.readLines().collect { String l ->
            l.startsWith('///') || l.startsWith('//DEPS') || l.startsWith('//GROOVY') || l.startsWith('//JAVA') ||
                    l.contains('@groovy.transform.BaseScript') ? '' : l
        }.join('\n')
    }

    private static ScafctlException withLine(ScafctlException e, Path script, String name) {
        Integer line = scriptLine(e, name)
        if (line == null) return e
        String message = e.message + " (at ${script}:${line})"
        e.invalidInput ? new InvalidInputException(message, e.nextStep(), e) : new ScafctlException(message, e.nextStep(), e)
    }

    private static Integer scriptLine(Throwable e, String name) {
        for (Throwable t = e; t != null; t = t.cause) {
            StackTraceElement el = t.stackTrace.find { StackTraceElement s -> s.fileName == name && s.lineNumber > 0 }
            if (el != null) return el.lineNumber
        }
        null
    }
}
