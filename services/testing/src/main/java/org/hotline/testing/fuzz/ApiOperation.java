package org.hotline.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * One operation of a service's OpenAPI document: method, path template, its parameters, the example or schema of
 * its body and the roles it admits (the security requirement Quarkus derives from {@code @RolesAllowed}).
 *
 * @param method HTTP method in upper case
 * @param path path template, e.g. {@code /api/v1/contacts/{id}}
 * @param pathParameters names of the template's parameters
 * @param queryParameters declared query parameters with their schema
 * @param requestBody the JSON schema of the body (references resolved lazily by {@link OpenApiDocument}), or null
 * @param example an example body from the document, or null
 * @param roles roles the operation admits; empty when the document does not say (public or unknown)
 * @param secured whether the operation needs a token
 */
public record ApiOperation(String method, String path, List<String> pathParameters, List<Parameter> queryParameters,
        JsonNode requestBody, JsonNode example, Set<String> roles, boolean secured) {

    /** A declared query parameter. */
    public record Parameter(String name, JsonNode schema, boolean required) {
    }

    /** Whether the request may change stored state. */
    public boolean writes() {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
