package dev.scafctl.catalog

import dev.scafctl.error.InvalidInputException
import dev.scafctl.registry.RetryPolicy
import spock.lang.Specification
import spock.lang.Unroll

import java.time.Duration
import java.time.Instant

/** The retry policy's arithmetic: where the registry fault specs would be slow or could not look. */
class RegistryFaultPolicySpec extends Specification {
    static final Instant NOW = Instant.parse('2026-11-22T04:00:00Z')

    @Unroll
    def "Retry-After '#header' means #expected"() {
        expect:
        RetryPolicy.retryAfter(header, NOW) == Optional.ofNullable(expected)

        where:
        header                          || expected
        '120'                           || Duration.ofSeconds(120)
        '0'                             || Duration.ZERO
        'Sun, 22 Nov 2026 04:00:30 GMT' || Duration.ofSeconds(30)
        'Sun, 22 Nov 2026 03:59:00 GMT' || Duration.ZERO
        'soon'                          || null
        '-5'                            || null
        null                            || null
    }

    def "backoff doubles from the first pause up to the cap, never below half of each step"() {
        given:
        def p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(60), Duration.ofSeconds(30))

        expect:
        (1..200).every { inRange(p.backoff(1), 50, 100) }
        (1..200).every { inRange(p.backoff(2), 100, 200) }
        (1..200).every { inRange(p.backoff(3), 200, 400) }
        (1..200).every { inRange(p.backoff(9), 400, 800) }
        (1..200).every { inRange(p.backoff(40), 400, 800) }
    }

    @Unroll
    def "the environment sets #key to '#value'"() {
        when:
        def p = RetryPolicy.from([(key): value], new Properties())

        then:
        p."${field}"() == expected

        where:
        key                                | value  || field           | expected
        'SCAFCTL_REGISTRY_ATTEMPTS'        | '1'    || 'attempts'      | 1
        'SCAFCTL_REGISTRY_TIMEOUT'         | '2.5s' || 'timeout'       | Duration.ofMillis(2500)
        'SCAFCTL_REGISTRY_TIMEOUT'         | '45'   || 'timeout'       | Duration.ofSeconds(45)
        'SCAFCTL_REGISTRY_BACKOFF'         | '20ms' || 'firstBackoff'  | Duration.ofMillis(20)
        'SCAFCTL_REGISTRY_MAX_RETRY_AFTER' | '2m'   || 'maxRetryAfter' | Duration.ofMinutes(2)
        'SCAFCTL_REGISTRY_MIN_RATE'        | '0.5'  || 'minRate'       | 512
        'SCAFCTL_REGISTRY_MIN_RATE'        | '128'  || 'minRate'       | 128 * 1024
        'SCAFCTL_REGISTRY_TRANSFER_FLOOR'  | '90'   || 'transferFloor' | Duration.ofSeconds(90)
    }

    def "a system property wins over the environment; no setting keeps the defaults"() {
        expect:
        RetryPolicy.from([SCAFCTL_REGISTRY_ATTEMPTS: '2'], new Properties().tap { setProperty('scafctl.registry.attempts', '7') }).attempts() == 7
        RetryPolicy.from([:], new Properties()) == RetryPolicy.DEFAULT
    }

    @Unroll
    def "#key='#value' is invalid input naming the variable"() {
        when:
        RetryPolicy.from([(key): value], new Properties())

        then:
        def e = thrown(InvalidInputException)
        e.message.startsWith("${key} is '${value}'")

        where:
        key                         | value
        'SCAFCTL_REGISTRY_ATTEMPTS' | '0'
        'SCAFCTL_REGISTRY_ATTEMPTS' | 'many'
        'SCAFCTL_REGISTRY_TIMEOUT'  | '30 seconds'
        'SCAFCTL_REGISTRY_MIN_RATE' | '64KiB'
        'SCAFCTL_REGISTRY_MIN_RATE' | '0'
    }

    @Unroll
    def "an exchange of #bytes bytes at #rate KiB/s with a floor of #floor may take #expected"() {
        given:
        def p = RetryPolicy.DEFAULT.withPace(rate * 1024 as long, floor)

        expect:
        p.allowance(bytes) == expected

        where:
        bytes              | rate | floor                  || expected
        0                  | 64   | Duration.ofSeconds(60) || Duration.ofSeconds(60)
        4L << 20           | 64   | Duration.ofSeconds(60) || Duration.ofSeconds(64)
        256L << 20         | 64   | Duration.ofSeconds(60) || Duration.ofSeconds(4096)
        3000               | 1    | Duration.ofSeconds(2)  || Duration.ofMillis(2930)
        1L << 62           | 64   | Duration.ofSeconds(60) || Duration.ofSeconds(1L << 46)
    }

    private static boolean inRange(Duration d, long min, long max) {
        d.toMillis() >= min && d.toMillis() <= max
    }
}
