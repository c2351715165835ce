package dev.scafctl.plugin

import dev.scafctl.error.InvalidInputException
import spock.lang.Specification
import spock.lang.Timeout
import spock.lang.Unroll

class VersionConstraintSpec extends Specification {

    def "constraint #constraint chooses #chosen from #available"() {
        expect:
        VersionConstraint.parse(constraint).highest(available) == Optional.ofNullable(chosen)

        where:
        constraint        | available                                        || chosen
        '^1.5.0'          | ['1.4.9', '1.5.0', '1.9.2', '2.0.0']             || '1.9.2'
        '^1.5.0'          | ['1.4.0', '2.1.0']                               || null
        '~1.5.0'          | ['1.5.0', '1.5.7', '1.6.0']                      || '1.5.7'
        '>=2.0.0'         | ['1.9.9', '2.0.0', '3.1.0']                      || '3.1.0'
        '1.2.3'           | ['1.2.2', '1.2.3', '1.2.4']                      || '1.2.3'
        '>=1.2.0 <2.0.0'  | ['1.1.0', '1.8.0', '2.0.0']                      || '1.8.0'
        '1.0.0 - 1.4.0'   | ['0.9.0', '1.3.0', '1.5.0']                      || '1.3.0'
        '^1.0.0 || ^3.0.0'| ['1.2.0', '2.5.0', '3.0.1']                      || '3.0.1'
        '^1.0.0'          | ['1.1.0', '1.2.0-beta.1']                        || '1.1.0'
        '^1.2.0-beta.1'   | ['1.2.0-beta.1', '1.2.0-beta.3', '1.1.0']        || '1.2.0-beta.3'
        '^1.0.0'          | ['not-a-version', '1.0.1']                       || '1.0.1'
    }

    def "#text is not a constraint"() {
        when:
        VersionConstraint.parse(text)

        then:
        def e = thrown(InvalidInputException)
        e.message.contains('invalid version constraint')
        e.nextStep().contains('^1.5.0')

        where:
        text << ['', 'latest', '^^1.0.0', '1.0.0; rm -rf /', '>=', 'v1.x.y.z']
    }

    @Unroll
    def "'#text' is #outcome"() {
        when: 'the constraint is parsed'
        def accepted = accepts(text)

        then: 'it is accepted or refused as it always was'
        accepted == (outcome == 'accepted')

        where:
        text                       || outcome
        '^1.5.0'                   || 'accepted'
        '~1.5.0'                   || 'accepted'
        '>=2.0.0'                  || 'accepted'
        '> 2.0.0'                  || 'accepted'
        '<=2.0.0'                  || 'accepted'
        '=1.2.3'                   || 'accepted'
        '1.2.3'                    || 'accepted'
        'v1.2.3'                   || 'accepted'
        '1.2'                      || 'accepted'
        '1.x'                      || 'accepted'
        '1.2.*'                    || 'accepted'
        '*'                        || 'accepted'
        '^1.2.0-beta.1'            || 'accepted'
        '1.2.3+build.5'            || 'accepted'
        '1.2.3-rc.1+build.5'       || 'accepted'
        '>=1.2.0 <2.0.0'           || 'accepted'
        '>=1.2.0, <2.0.0'          || 'accepted'
        '>=1.2.0,<2.0.0'           || 'accepted'
        '1.0.0 - 1.4.0'            || 'accepted'
        '^1.0.0 || ^3.0.0'         || 'accepted'
        '^1.0.0||^3.0.0'           || 'accepted'
        '  ^1.0.0  '               || 'accepted'
        ''                         || 'refused'
        'latest'                   || 'refused'
        '^^1.0.0'                  || 'refused'
        '>=1.0.0 <'                || 'refused'
        '1.0.0; rm -rf /'          || 'refused'
        '>='                       || 'refused'
        'v1.x.y.z'                 || 'refused'
        '1.2.3.4'                  || 'refused'
        '=>1.0.0'                  || 'refused'
        '^1.0.0 ||'                || 'refused'
        '|| ^1.0.0'                || 'refused'
        '^1.0.0 ||| ^2.0.0'        || 'refused'
        '1.0.0,,2.0.0'             || 'refused'
        '1.0.0 - - 2.0.0'          || 'refused'
        '1.0.0+'                   || 'refused'
        '1.0.0_1'                  || 'refused'
    }

    @Timeout(10)
    @Unroll
    def "a hostile constraint (#what, #length characters) is #outcome at once"() {
        when: 'the constraint is parsed'
        def accepted = accepts(text)

        then: 'the answer comes in linear time, and one over 256 characters is refused for its length'
        accepted == (outcome == 'accepted')

        where:
        what                                              | text                                        || outcome
        'a version, 4000 spaces and a stray character'    | '1' + ' ' * 4000 + '!'                      || 'refused'
        '600 alternatives'                                | ('^1.0.0 || ' * 600) + '^2.0.0'             || 'refused'
        'a pre-release of 1000 hyphenated parts'          | '1.0.0-' + '1-' * 1000 + '^'                || 'refused'
        'a version, 250 spaces and a stray character'     | '1' + ' ' * 250 + '!'                       || 'refused'
        'a version, 250 tabs and a stray character'       | '1' + '\t' * 250 + 'x!'                    || 'refused'
        'a pre-release of 120 hyphenated parts'           | '1.0.0-' + 'a-' * 120 + '^'                 || 'refused'
        'a range with 240 spaces in it'                   | '>=1.0.0' + ' ' * 240 + '<2.0.0'            || 'accepted'
        'sixteen alternatives'                            | ('^1.0.0 || ' * 15) + '^2.0.0'              || 'accepted'
        length = text.length()
    }

    @Timeout(10)
    def "a constraint over 256 characters is refused naming its length and the limit"() {
        when: 'a 6 KB constraint is parsed'
        VersionConstraint.parse('1' + ' ' * 6000 + '!')

        then: 'invalid input that names the length and the limit'
        def e = thrown(InvalidInputException)
        e.message.contains('(6002 characters): more than the 256 characters a constraint may have')
    }

    private static boolean accepts(String text) {
        try {
            VersionConstraint.parse(text)
            true
        } catch (InvalidInputException ignored) {
            false
        }
    }
}
