package im.parley.api.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a config key takes when neither the file nor the environment sets it, written as it
 * would be in YAML ({@code "5222"}, {@code "30s"}, {@code "256KiB"}, {@code "[a, b]"}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
    String value();
}
