package dev.scafctl.catalog

import dev.scafctl.error.InvalidInputException
import dev.scafctl.oci.Reference
import dev.scafctl.oci.Tags
import spock.lang.Specification

class ReferenceSpec extends Specification {

    def "#text parses to registry #registry, repository #repository, tag #tag"() {
        when:
        def r = Reference.parse(text)

        then:
        r.registry() == registry
        r.repository() == repository
        r.tag() == tag
        r.version() == version

        where:
        text                                             || registry         | repository                 | tag           | version
        'ghcr.io/org/solutions/deploy@1.0.0'             || 'ghcr.io'        | 'org/solutions/deploy'     | '1.0.0'       | '1.0.0'
        'localhost:5000/providers/aws:2.1.0'             || 'localhost:5000' | 'providers/aws'            | '2.1.0'       | '2.1.0'
        '127.0.0.1:5000/a/b/providers/x@1.5.3-abc'       || '127.0.0.1:5000' | 'a/b/providers/x'          | '1.5.3-abc'   | '1.5.3-abc'
        'registry.example.com/x/hello'                   || 'registry.example.com' | 'x/hello'          | null          | null
        'https://ghcr.io/org/solutions/deploy:latest'    || 'ghcr.io'        | 'org/solutions/deploy'     | 'latest'      | 'latest'
    }

    def "#text is refused"() {
        when:
        Reference.parse(text)

        then:
        thrown(InvalidInputException)

        where:
        text << ['ghcr.io/org/Solutions/x@1.0.0', 'ghcr.io/org/../x@1.0.0', 'ghcr.io/x@', 'ghcr.io/x:1.0.0+abc', 'ghcr.io/x@1.0.0+abc',
                 'org/solutions/x@1.0.0', 'ghcr.io', 'ghcr.io//x@1.0.0', 'http://ghcr.io/x@1.0.0', 'ghcr.io/x@latest+1']
    }

    def "#text as NAME@VERSION is #expected"() {
        expect:
        ArtifactRef.parse(text).toString() == expected

        where:
        text                    || expected
        'hello@1.0.0'           || 'hello@1.0.0'
        'provider/aws@1.2.0'    || 'provider/aws@1.2.0'
        'my.tool_x-1'           || 'my.tool_x-1'
    }

    def "NAME@VERSION #text is refused"() {
        when:
        ArtifactRef.parse(text)

        then:
        thrown(InvalidInputException)

        where:
        text << ['name@', '@1.0.0', '../x@1.0.0', 'Hello@1.0.0', 'hello@latest+1', 'thing/x@1.0.0', 'a@b@c', '', 'hello@1.0.0+build.5']
    }

    /** The Go scafctl tags a version as written (pkg/catalog/reference.go: the tag is the version text). */
    def "version #version is tagged #tag and read back as the same text"() {
        expect:
        Tags.fromVersion(version) == tag
        Tags.toVersion(tag) == version

        where:
        version            || tag
        '1.5.3'            || '1.5.3'
        '2.0.0-rc.1'       || '2.0.0-rc.1'
        '2.0.0-rc.1.b.7'   || '2.0.0-rc.1.b.7'
        'latest'           || 'latest'
    }

    def "version #version with build metadata is refused, naming a pre-release that can be a tag"() {
        when:
        Tags.fromVersion(version)

        then:
        def e = thrown(InvalidInputException)
        e.message.contains("invalid version '${version}': semver build metadata")
        e.message.contains('cannot be part of an OCI tag')
        e.nextStep().contains(hint)

        where:
        version          || hint
        '1.5.3+abc'      || '1.5.3-abc'
        '2.0.0-rc.1+b.7' || '2.0.0-rc.1-b.7'
    }

    def "a tag with an underscore is read as itself, not as build metadata"() {
        expect:
        Tags.toVersion('1.5.3_abc') == '1.5.3_abc'
        !Tags.isSemver(Tags.toVersion('1.5.3_abc'))
    }
}
