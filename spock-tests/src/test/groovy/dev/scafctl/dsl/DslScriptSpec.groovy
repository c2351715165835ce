package dev.scafctl.dsl

import dev.scafctl.support.PluginMirror
import dev.scafctl.support.ScafctlProcess
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

class DslScriptSpec extends Specification {

    ScafctlProcess scafctl = ScafctlProcess.inTempHome()

    Path script(String text) {
        def f = scafctl.home.resolve('workflow.groovy')
        Files.writeString(f, text)
        f
    }

    def "a workflow loads a solution, runs it with parameters and uses its values"() {
        given:
        def f = script('''
def app = solution 'examples/hello/solution.yaml'
def values = run(app) { param 'name', arguments[0] }
println "greeting=${values.greeting}"
''')

        when:
        def r = scafctl.run('dsl', 'run', f.toString(), 'Grace')

        then:
        r.exitCode == 0
        r.stdout.trim() == 'greeting=Hello, Grace!'
    }

    def "a script run without #missing says which value is missing, with exit 2 and no stack trace"() {
        given: "the README's workflow, which takes the name to greet as its argument"
        def f = script("""
def app = solution 'examples/hello/solution.yaml'
def values = run(app) { param 'name', ${expression} }
println "greeting=\${values.greeting}"
""")

        when: 'it is run without that argument'
        def r = scafctl.run('dsl', 'run', f.toString())

        then:
        r.exitCode == 2
        r.stderr.contains(message)
        r.stderr.contains('workflow.groovy:3')
        !r.stderr.contains('NullPointerException')
        !r.stderr.contains('\tat ')

        where:
        missing                        | expression                              || message
        'an argument it names'         | "argument(0, 'the name to greet')"      || 'this script needs argument 1 (the name to greet), but was given none'
        'an argument it reads blindly' | 'arguments[0]'                          || "parameter 'name' is given no value (null)"
    }

    def "a misspelt DSL method fails before anything runs, naming the script's line"() {
        given: 'a script whose first line would leave a marker, and a typo on line 3'
        def marker = scafctl.home.resolve('ran')
        def f = script("""new File('${marker}').text = 'ran'
def app = solution 'examples/hello/solution.yaml'
install(app) { platfroms 'linux/amd64' }
""")

        when:
        def r = scafctl.run('dsl', 'run', f.toString())

        then:
        r.exitCode == 2
        r.stderr.contains('workflow.groovy: 3: [Static type checking] - Cannot find matching method')
        r.stderr.contains('platfroms')
        !Files.exists(marker)
    }

    def "a failure inside a library call names the script's line"() {
        given:
        def f = script('''
println 'starting'
def app = solution 'no/such/solution.yaml'
''')

        when:
        def r = scafctl.run('dsl', 'run', f.toString())

        then:
        r.exitCode == 2
        r.stderr.contains("solution file not found: no/such/solution.yaml (at ${f}:3)")
    }

    def "declared catalogs feed install for several platforms, and checkLock catches drift"() {
        given: 'a filesystem mirror with a plugin for two platforms, declared only in the script'
        def mirror = new PluginMirror(scafctl.home.resolve('mirror'))
        mirror.add('tool', '1.0.0', 'linux/amd64')
        mirror.add('tool', '1.0.0', 'linux/arm64')
        def solution = scafctl.solutionNeeding('tool')
        def f = script("""
catalogs {
    only()
    filesystem 'mirror', '${mirror.dir}'
}
def app = solution '${solution}'
lock(app)
def installed = install(app) { platforms 'linux/amd64', 'linux/arm64' }
installed.each { println "\${it.platform()} \${it.version()}" }
checkLock(app)
println 'lock ok'
""")

        when:
        def first = scafctl.run('dsl', 'run', f.toString())

        then:
        first.exitCode == 0
        first.stdout.readLines() == ['linux/amd64 1.0.0', 'linux/arm64 1.0.0', 'lock ok']

        when: 'a newer version appears in the catalog and only the check runs'
        mirror.add('tool', '1.1.0', 'linux/amd64')
        def check = script("""
catalogs { only(); filesystem 'mirror', '${mirror.dir}' }
checkLock(solution('${solution}'))
""")
        def second = scafctl.run('dsl', 'run', check.toString())

        then:
        second.exitCode == 1
        second.stderr.contains('has drifted')
        second.stderr.contains('tool@1.1.0')
    }
}
