package io.imprint.station.sync.aws;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What AWS IoT accepts as a thing name and as thing attributes (API reference CreateThing,
 * AttributePayload), checked before anything is sent or written, so a bad batch attribute is one clear
 * refusal rather than a thousand 400s. The bulk export and the online client share these rules.
 *
 * <p>Stateless and thread-safe.
 */
public final class ThingRules {

    private static final Pattern THING_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z0-9_.,@/:#-]{1,128}");
    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("[a-zA-Z0-9_.,@/:#=\\[\\]-]{0,800}");

    private ThingRules() {
    }

    public static boolean isThingName(String name) {
        return name != null && THING_NAME.matcher(name).matches();
    }

    public static boolean isAttribute(String name, String value) {
        return name != null && value != null && ATTRIBUTE_NAME.matcher(name).matches() && ATTRIBUTE_VALUE.matcher(value).matches();
    }

    public static boolean isAttributeValue(String value) {
        return value != null && ATTRIBUTE_VALUE.matcher(value).matches();
    }

    /** How many attributes a thing may carry: 50 with a thing type, 3 without. */
    public static int attributeLimit(boolean hasThingType) {
        return hasThingType ? 50 : 3;
    }

    /** Why AWS would refuse a thing with this name and these attributes, if it would. */
    public static Optional<String> problem(String thingName, Map<String, String> attributes, boolean hasThingType) {
        if (!isThingName(thingName)) {
            return Optional.of("device id " + thingName + " cannot be an AWS thing name (1-128 letters, digits and :_-)");
        }
        int limit = attributeLimit(hasThingType);
        if (attributes.size() > limit) {
            return Optional.of("AWS allows a thing " + limit + " attributes" + (hasThingType ? "" : " without a thing type") + ": the batch has "
                    + attributes.size() + " (give the batch a --thing-type, or fewer attributes)");
        }
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!isAttribute(a.getKey(), a.getValue())) {
                return Optional.of("batch attribute " + a.getKey() + "=" + a.getValue()
                        + " is not one AWS accepts on a thing (names and values of letters, digits and _.,@/:#-; no spaces)");
            }
        }
        return Optional.empty();
    }
}
