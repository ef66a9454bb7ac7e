package io.sinkline.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** The matchers of EventBridge's event-pattern syntax, one small class each. */
final class ValueMatchers {
    private ValueMatchers() {
    }

    /** {@code "x"}, {@code 5}, {@code true}, {@code null}, {@code ""}: equal value (numbers by value). */
    record Exact(JsonNode expected) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            if (value == null) {
                return false;
            }
            if (expected.isNumber() && value.isNumber()) {
                return expected.decimalValue().compareTo(value.decimalValue()) == 0;
            }
            return expected.equals(value);
        }
    }

    record Prefix(String prefix) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return value != null && value.isTextual() && value.textValue().startsWith(prefix);
        }
    }

    record Suffix(String suffix) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return value != null && value.isTextual() && value.textValue().endsWith(suffix);
        }
    }

    record Contains(String part) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return value != null && value.isTextual() && value.textValue().contains(part);
        }
    }

    record EqualsIgnoreCase(String expected) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return value != null && value.isTextual() && value.textValue().equalsIgnoreCase(expected);
        }
    }

    /** {@code "a*b"}: '*' stands for any run of characters. */
    static final class Wildcard implements ValueMatcher {
        private final Pattern pattern;

        Wildcard(String wildcard) {
            StringBuilder regex = new StringBuilder();
            String[] parts = wildcard.split("\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(parts[i]));
            }
            this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
        }

        @Override
        public boolean matches(JsonNode value) {
            return value != null && value.isTextual() && pattern.matcher(value.textValue()).matches();
        }
    }

    /** {@code {"anything-but": ...}}: the key is present and none of the inner matchers match. */
    record AnythingBut(List<ValueMatcher> excluded) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            if (value == null) {
                return false;
            }
            for (ValueMatcher matcher : excluded) {
                if (matcher.matches(value)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code {"numeric": [">", 0, "<=", 5]}}: every comparison holds. */
    record Numeric(List<Comparison> comparisons) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            if (value == null || !value.isNumber()) {
                return false;
            }
            BigDecimal number = value.decimalValue();
            for (Comparison comparison : comparisons) {
                if (!comparison.holds(number)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Comparison(String operator, BigDecimal operand) {
        static final List<String> OPERATORS = List.of("=", "<", "<=", ">", ">=");

        boolean holds(BigDecimal number) {
            int c = number.compareTo(operand);
            return switch (operator) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException(operator);
            };
        }
    }

    /** {@code {"exists": true|false}}. */
    record Exists(boolean shouldExist) implements ValueMatcher {
        @Override
        public boolean matches(JsonNode value) {
            return shouldExist == (value != null);
        }

        @Override
        public boolean matchesAbsent() {
            return !shouldExist;
        }
    }

    /** {@code {"cidr": "10.0.0.0/24"}}: an IPv4 or IPv6 address literal inside the block. */
    static final class Cidr implements ValueMatcher {
        private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");
        private final byte[] network;
        private final int prefixBits;

        Cidr(String cidr) {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("cidr '" + cidr + "' must be address/prefix-length");
            }
            byte[] address = parseIp(cidr.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("cidr '" + cidr + "' does not start with an IP address");
            }
            int bits;
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cidr '" + cidr + "' has no numeric prefix length");
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("cidr '" + cidr + "' prefix length is out of range");
            }
            this.network = address;
            this.prefixBits = bits;
        }

        @Override
        public boolean matches(JsonNode value) {
            if (value == null || !value.isTextual()) {
                return false;
            }
            byte[] address = parseIp(value.textValue());
            if (address == null || address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** Only literals: never a DNS look-up. */
        private static byte[] parseIp(String text) {
            if (text.isEmpty() || !IP_LITERAL.matcher(text).matches()) {
                return null;
            }
            if (text.indexOf(':') < 0 && text.split("\\.", -1).length != 4) {
                return null;
            }
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }

}
