package dev.scafctl.cli

import dev.scafctl.support.ScafctlProcess
import spock.lang.Specification

import javax.tools.ToolProvider
import java.nio.file.Files

/** The README's Java API example compiles against the library as it is. */
class ReadmeJavaSpec extends Specification {

    def "the Java API example in the README compiles as printed"() {
        given: 'the java block under "## The Java API", saved under its class name'
        def text = Files.readString(ScafctlProcess.root().resolve('README.md'))
        def section = text.substring(text.indexOf('## The Java API'))
        def code = (section =~ /(?s)```java\n(.*?)```/)[0][1] as String
        def name = (code =~ /public class (\w+)/)[0][1]
        def dir = Files.createTempDirectory('readme-java')
        def source = dir.resolve("${name}.java")
        Files.writeString(source, code)

        when:
        def err = new ByteArrayOutputStream()
        int rc = ToolProvider.systemJavaCompiler.run(null, null, err, '-d', dir.toString(),
                '-cp', System.getProperty('java.class.path'), source.toString())

        then:
        rc == 0
        err.toString() == ''

        cleanup:
        dir?.toFile()?.deleteDir()
    }
}
