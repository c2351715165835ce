package dev.scafctl.plugin

import dev.scafctl.error.InvalidInputException
import spock.lang.Specification

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
}
