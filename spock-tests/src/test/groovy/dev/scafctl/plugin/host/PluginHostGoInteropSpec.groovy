package dev.scafctl.plugin.host

import dev.scafctl.support.GoBuild
import dev.scafctl.support.Processes
import groovy.json.JsonSlurper
import spock.lang.Specification

import java.util.concurrent.TimeUnit

/** Our Java SDK plugin under go-plugin's own Go client, the way the Go scafctl loads plugins. */
class PluginHostGoInteropSpec extends Specification {
    def fixtures = new PluginFixtures()

    def cleanup() {
        fixtures.cleanup()
    }

    def "go-plugin's client launches the Java echo plugin, calls it unary and streaming, and stops it"() {
        given: 'the Go host and the echo plugin in a marked directory'
        def host = GoBuild.host()
        def echo = fixtures.link(PluginFixtures.echoPlugin(), 'echo')

        when: 'the Go host runs it'
        def p = new ProcessBuilder(host.toString(), echo.toString()).start()
        def out = new StringBuilder(), err = new StringBuilder()
        p.consumeProcessOutput(out, err)
        assert p.waitFor(120, TimeUnit.SECONDS)
        p.waitForProcessOutput()

        then: 'every answer was right'
        p.exitValue() == 0
        def summary = new JsonSlurper().parseText(out.toString())
        summary.providers == ['echo', 'upper', 'request']
        summary.unary == [message: 'from go']
        summary.stdout == 'echo: from go\n'
        summary.exited == true
        summary.graceful == true

        and: 'the plugin process is gone'
        Processes.awaitGone(fixtures.marker) == []
    }

    def "the Java echo plugin refuses to run without the magic cookie, with go-plugin's message"() {
        when: 'it is run by hand'
        def p = new ProcessBuilder(PluginFixtures.echoPlugin().toString()).start()
        def out = new StringBuilder(), err = new StringBuilder()
        p.consumeProcessOutput(out, err)
        p.waitFor(60, TimeUnit.SECONDS)
        p.waitForProcessOutput()

        then: 'it says it is a plugin and exits 1'
        p.exitValue() == 1
        out.toString() == ''
        err.toString().startsWith('This binary is a plugin. These are not meant to be executed directly.')
    }
}
