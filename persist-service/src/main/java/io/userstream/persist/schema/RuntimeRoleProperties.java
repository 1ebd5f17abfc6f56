package io.userstream.persist.schema;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The role the long-running service connects as; the migrate step creates it and sets its grants. */
@ConfigurationProperties("userstream.runtime-role")
record RuntimeRoleProperties(@DefaultValue("userstream_app") String name, String password) {
}
