package com.seatflow.platform;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The title, version and description of the OpenAPI document served at /v3/api-docs. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Seatflow API", version = "1.0", description = """
        Seatflow's REST API: imports of learner CSV files, seat pools and their ledger, invitations, groups, \
        chains and jobs. Sign in with HTTP Basic (the Camunda Tasklist users). Every error is an RFC 7807 problem \
        document (application/problem+json) whose detail says what is wrong."""),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
class ApiDocumentation {
}
