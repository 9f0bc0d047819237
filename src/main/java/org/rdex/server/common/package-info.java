/**
 * Shared pieces of every feature. The annotations below are the parts of the OpenAPI document that belong to no
 * single resource: its title, the security schemes and the schemas of bodies that resources read by hand. The
 * document is served on the management interface at {@code /q/openapi}.
 */
@OpenAPIDefinition(
        info = @Info(title = "RDEX server", version = "1.0",
                description = "RDEX 1.0 carpooling interoperability: the published RDEX file, the contact API partners "
                        + "call, and the platform API of our own backend. Every error has the body ApiError."),
        components = @Components(schemas = {
                @Schema(name = "ContactMessage", type = SchemaType.OBJECT,
                        description = "A partner's message to the author of one of our journeys. Field names are "
                                + "case-insensitive; each may be given once.",
                        requiredProperties = { "key", "id", "site", "message" },
                        properties = {
                                @SchemaProperty(name = "key", type = SchemaType.STRING,
                                        description = "The partner key we issued (rdex_<id>_<secret>)"),
                                @SchemaProperty(name = "id", type = SchemaType.STRING, maxLength = 64,
                                        description = "The journey's uuid in our RDEX file"),
                                @SchemaProperty(name = "from", type = SchemaType.STRING,
                                        description = "The sender, \"Pseudonym <email>\" or a bare e-mail; or give "
                                                + "pseudonym and email"),
                                @SchemaProperty(name = "pseudonym", type = SchemaType.STRING, maxLength = 64),
                                @SchemaProperty(name = "email", type = SchemaType.STRING, format = "email", maxLength = 254),
                                @SchemaProperty(name = "site", type = SchemaType.STRING,
                                        description = "One of the partner's registered sites, as a host name or a URL"),
                                @SchemaProperty(name = "message", type = SchemaType.STRING,
                                        description = "Plain text, at most rdex.contact.max-message-length characters") }),
                @Schema(name = "OutboundContact", type = SchemaType.OBJECT,
                        description = "Our user's message to the author of a partner's journey",
                        requiredProperties = { "journey", "pseudonym", "email", "message" },
                        properties = {
                                @SchemaProperty(name = "journey", type = SchemaType.STRING,
                                        description = "The journey's uuid in the partner's RDEX file"),
                                @SchemaProperty(name = "partner", type = SchemaType.STRING,
                                        description = "The partner's name, when several publish that uuid"),
                                @SchemaProperty(name = "pseudonym", type = SchemaType.STRING),
                                @SchemaProperty(name = "email", type = SchemaType.STRING, format = "email"),
                                @SchemaProperty(name = "message", type = SchemaType.STRING) }) },
                securitySchemes = {
                        @SecurityScheme(securitySchemeName = OpenApiDefinition.PLATFORM_TOKEN,
                                type = SecuritySchemeType.HTTP, scheme = "bearer",
                                description = "The platform token (RDEX_PLATFORM_TOKEN) of our own backend. Without one "
                                        + "configured, the platform API refuses every call."),
                        @SecurityScheme(securitySchemeName = OpenApiDefinition.PARTNER_KEY,
                                type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "rdex_<16 hex>_<43 base64url>",
                                description = "A key we issued to a partner, valid only from the partner's addresses. The "
                                        + "RDEX file (when rdex.export.access=partners) takes it as Authorization: Bearer "
                                        + "or as ?key=; the contact API takes it in the key field of the body, as the "
                                        + "RDEX specification has it, not in a header."),
                        @SecurityScheme(securitySchemeName = OpenApiDefinition.PARTNER_KEY_QUERY,
                                type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.QUERY, apiKeyName = "key",
                                description = "The same partner key as a query parameter, for the RDEX file only.") }))
package org.rdex.server.common;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

