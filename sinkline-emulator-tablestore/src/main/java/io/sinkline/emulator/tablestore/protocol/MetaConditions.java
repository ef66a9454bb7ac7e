package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.timeseries.Timeseries;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.sinkline.emulator.tablestore.error.OtsException;
import io.sinkline.emulator.tablestore.timeseries.Series;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** QueryTimeseriesMeta conditions as predicates over series. */
final class MetaConditions {

    private MetaConditions() {
    }

    static Predicate<Series> toPredicate(Timeseries.MetaQueryCondition c) throws InvalidProtocolBufferException {
        switch (c.getType()) {
            case COMPOSITE_CONDITION: {
                Timeseries.MetaQueryCompositeCondition cc = Timeseries.MetaQueryCompositeCondition.parseFrom(c.getProtoData());
                List<Predicate<Series>> subs = new ArrayList<>();
                for (Timeseries.MetaQueryCondition sub : cc.getSubConditionsList()) {
                    subs.add(toPredicate(sub));
                }
                return switch (cc.getOp()) {
                    case OP_AND -> s -> subs.stream().allMatch(p -> p.test(s));
                    case OP_OR -> s -> subs.stream().anyMatch(p -> p.test(s));
                    case OP_NOT -> s -> subs.stream().noneMatch(p -> p.test(s));
                };
            }
            case MEASUREMENT_CONDITION: {
                var m = Timeseries.MetaQueryMeasurementCondition.parseFrom(c.getProtoData());
                return s -> compare(m.getOp(), s.key().measurement(), m.getValue());
            }
            case SOURCE_CONDITION: {
                var m = Timeseries.MetaQuerySourceCondition.parseFrom(c.getProtoData());
                return s -> compare(m.getOp(), s.key().dataSource(), m.getValue());
            }
            case TAG_CONDITION: {
                var m = Timeseries.MetaQueryTagCondition.parseFrom(c.getProtoData());
                return s -> {
                    String v = s.key().tags().get(m.getTagName());
                    return v != null && compare(m.getOp(), v, m.getValue());
                };
            }
            case ATTRIBUTE_CONDITION: {
                var m = Timeseries.MetaQueryAttributeCondition.parseFrom(c.getProtoData());
                return s -> {
                    String v = s.attributes().get(m.getAttrName());
                    return v != null && compare(m.getOp(), v, m.getValue());
                };
            }
            case UPDATE_TIME_CONDITION: {
                var m = Timeseries.MetaQueryUpdateTimeCondition.parseFrom(c.getProtoData());
                return s -> compareLong(m.getOp(), s.updateTimeMicros(), m.getValue());
            }
            default:
                throw OtsException.invalid("Unsupported meta query condition: " + c.getType());
        }
    }

    private static boolean compare(Timeseries.MetaQuerySingleOperator op, String actual, String expected) {
        if (op == Timeseries.MetaQuerySingleOperator.OP_PREFIX) {
            return actual.startsWith(expected);
        }
        return test(op, actual.compareTo(expected));
    }

    private static boolean compareLong(Timeseries.MetaQuerySingleOperator op, long actual, long expected) {
        if (op == Timeseries.MetaQuerySingleOperator.OP_PREFIX) {
            throw OtsException.invalid("PREFIX does not apply to update time.");
        }
        return test(op, Long.compare(actual, expected));
    }

    private static boolean test(Timeseries.MetaQuerySingleOperator op, int cmp) {
        return switch (op) {
            case OP_EQUAL -> cmp == 0;
            case OP_GREATER_THAN -> cmp > 0;
            case OP_GREATER_EQUAL -> cmp >= 0;
            case OP_LESS_THAN -> cmp < 0;
            case OP_LESS_EQUAL -> cmp <= 0;
            case OP_PREFIX -> false;
        };
    }
}
