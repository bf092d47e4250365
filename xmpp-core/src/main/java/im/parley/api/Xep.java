package im.parley.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names a XMPP extension protocol a module implements; the feature list is generated from these. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Xep.List.class)
public @interface Xep {
    int number();

    String version();

    /** What of the XEP is implemented when it is not all of it. */
    String note() default "";

    /** Container for repeated {@link Xep} annotations. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        Xep[] value();
    }
}
