package dev.scafctl.plugin.host

import dev.scafctl.catalog.ArtifactKind
import dev.scafctl.event.EventListener
import dev.scafctl.plugin.sdk.Capability
import dev.scafctl.plugin.sdk.Descriptor
import dev.scafctl.plugin.sdk.SchemaType
import dev.scafctl.proto.provider.DescriptorRules
import dev.scafctl.support.GoBuild
import dev.scafctl.support.Processes
import groovy.json.JsonSlurper
import spock.lang.Specification

import java.util.concurrent.TimeUnit

/**
 * The checks the Go scafctl makes before it registers a plugin's provider, made the same way by
 * a Go program on go-plugin (spock-tests/src/test/go/host/registry.go) and by our host
 * ({@link DescriptorRules}), and met by construction by our SDK's {@link Descriptor}.
 *
 * Facts from oakwood-commons/scafctl: the reasons and their order are those of
 * pkg/provider/registry.go (validateDescriptor: name, APIVersion, version, description,
 * capabilities, input types "string integer number boolean array object"), pkg/provider/provider.go
 * (ValidateDescriptor: an output schema per capability; validation needs valid boolean and errors
 * array, action success boolean; problems joined one per line) and pkg/plugin/grpc.go
 * (protoToDescriptor: Masterminds semver, raw JSON Schemas preferred). Go walks maps in random
 * order; both checks here sort, as scafctl-plugin-sdk's provider/provider.go does.
 */
class DescriptorRulesSpec extends Specification {
    def fixtures = new PluginFixtures()

    def cleanup() {
        fixtures.cleanup()
    }

    /** provider name -> why the Go check refuses it ("" when it registers it). */
    private Map<String, String> goCheck(java.nio.file.Path plugin, Map<String, String> env = [:]) {
        def pb = new ProcessBuilder(GoBuild.host().toString(), 'check-descriptors', plugin.toString())
        pb.environment().putAll(env)
        def p = pb.start()
        def out = new StringBuilder(), err = new StringBuilder()
        p.consumeProcessOutput(out, err)
        assert p.waitFor(120, TimeUnit.SECONDS)
        p.waitForProcessOutput()
        assert p.exitValue() == 0: err
        new JsonSlurper().parseText(out.toString()) as Map<String, String>
    }

    def "the Go check registers every provider of the echo plugin built with our SDK"() {
        given: 'the echo plugin in a marked directory'
        def echo = fixtures.link(PluginFixtures.echoPlugin(), 'echo')

        expect: 'no provider is refused'
        goCheck(echo) == [echo: '', upper: '', request: '']

        and: 'the plugin is gone'
        Processes.awaitGone(fixtures.marker) == []
    }

    def "a descriptor with #broken is refused by the Go check and by our host, for the same reason"() {
        given: 'the Go plugin, told to break one rule'
        def go = fixtures.link(GoBuild.helloPlugin(), 'go')
        def env = [GO_HELLO_BREAK: broken]

        expect: 'the Go check refuses it'
        goCheck(go, env) == ['go-hello': reason]

        when: 'our host loads it'
        PluginClient.start('go', go, ArtifactKind.PROVIDER, HostOptions.defaults().withExtraEnv(env), EventListener.NONE)

        then: 'it refuses it with the Go reason, tells whom to ask, and stops the plugin'
        def e = thrown(PluginException)
        e.message == "plugin go (${go}) describes provider go-hello in a way scafctl refuses: ${reason}".toString()
        e.nextStep() == PluginException.AUTHOR
        Processes.awaitGone(fixtures.marker) == []

        where:
        broken           || reason
        'description'    || 'invalid provider descriptor: provider description cannot be empty'
        'version'        || 'plugin "go-hello" has invalid semver version "one.two": Invalid Semantic Version'
        'api-version'    || 'invalid provider descriptor: provider APIVersion cannot be empty'
        'no-capability'  || 'invalid provider descriptor: provider must declare at least one capability'
        'capability'     || 'invalid provider descriptor: capability at index 1 ("fetch") is not valid'
        'input-type'     || 'invalid provider descriptor: property "crash" has invalid type "int"'
        'output-schemas' || 'invalid provider descriptor: output schema validation failed: descriptor must define OutputSchemas'
        'action'         || 'invalid provider descriptor: output schema validation failed: capability "action" field "success" must be type "boolean", got "string"'
        'validation'     || 'invalid provider descriptor: output schema validation failed: capability "validation" requires output field "errors"\n' +
                'capability "validation" requires output field "valid"\nmissing output schema for capability "transform"'
    }

    def "the SDK refuses to build a descriptor #what"() {
        when: 'a provider author tries'
        build()

        then: 'the builder says what is wrong'
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        what                                  | build                                                                                       || message
        'without a description'               | { Descriptor.of('p', '1.0.0', ' ', Capability.FROM) }                                        || 'provider p needs a description: scafctl refuses a provider without one'
        'whose version is not semver'         | { Descriptor.of('p', '1.0.0.0', 'a provider', Capability.FROM) }                             || "version '1.0.0.0' of provider p is not a semantic version (Invalid Semantic Version); use e.g. 1.0.0"
        'with an unknown capability'          | { Descriptor.of('p', '1.0.0', 'a provider', Capability.FROM).capability('fetch') }          || "unknown capability 'fetch'; use one of [from, transform, validation, authentication, action]"
        'with a type JSON Schema lacks'       | { Descriptor.of('p', '1.0.0', 'a provider', Capability.FROM).input('n', 'long', true, 'n') } || "unknown type 'long'; use a JSON Schema type: string, integer, number, boolean, array, object (or any)"
        'whose action output breaks the rule' | { Descriptor.of('p', '1.0.0', 'a provider', Capability.ACTION).output(Capability.ACTION, 'success', SchemaType.STRING, 'ok') } || "output 'success' of a provider with capability action must be of type boolean, not string"
        'with output of a capability it lacks' | { Descriptor.of('p', '1.0.0', 'a provider', Capability.FROM).output(Capability.ACTION, 'done', SchemaType.BOOLEAN, 'd') } || 'provider p has no capability action; declare it before describing its output'
    }

    def "a #capability provider built with the SDK carries the output properties scafctl requires of it"() {
        when: 'the smallest descriptor of that capability goes on the wire'
        def wire = Descriptor.of('p', 'v2', 'a provider', capability).input('n', 'int', false, 'the old name of integer').toWire()

        then: 'the rules pass it'
        DescriptorRules.refusal(wire).empty

        and: 'its output schema, as raw JSON Schema, holds the required properties'
        def raw = new JsonSlurper().parse(wire.rawOutputSchemasMap[capability.wireName()].toByteArray())
        (raw.properties ?: [:]).collectEntries { k, v -> [k, v.type] } == properties

        and: 'inputs use JSON Schema type names'
        wire.schema.parametersMap.n.type == 'integer'

        where:
        capability                || properties
        Capability.FROM           || [:]
        Capability.TRANSFORM      || [:]
        Capability.VALIDATION     || [errors: 'array', valid: 'boolean']
        Capability.AUTHENTICATION || [authenticated: 'boolean', token: 'string']
        Capability.ACTION         || [success: 'boolean']
    }
}
