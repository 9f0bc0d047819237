package org.rdex.server.common;

/** Names the OpenAPI security schemes declared in {@code package-info.java} of this package, for resources to require. */
public final class OpenApiDefinition {

    /** Security scheme of the platform API. */
    public static final String PLATFORM_TOKEN = "platformToken";
    /** Security scheme of partners' calls: the contact API and a restricted RDEX file. */
    public static final String PARTNER_KEY = "partnerKey";
    /** The partner key in the query string of the RDEX file's URL. */
    public static final String PARTNER_KEY_QUERY = "partnerKeyQuery";

    private OpenApiDefinition() {
    }
}
