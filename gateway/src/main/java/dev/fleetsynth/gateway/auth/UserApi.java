package dev.fleetsynth.gateway.auth;

import dev.fleetsynth.support.api.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Users (admins only), API keys (each user their own, admins all) and the audit log (admins). */
@Path("/api/gan")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserApi {
    public record NewUser(String username, String password, String role) {}

    public record UserChange(String role, String password) {}

    public record NewKey(String name, String role) {}

    @Inject
    Accounts accounts;

    @Inject
    Audit audit;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/users")
    @Operation(summary = "Every user and role (admin)")
    @APIResponse(responseCode = "200", description = "the users")
    public List<Accounts.UserView> users() {
        return accounts.users();
    }

    @POST
    @Path("/users")
    @Operation(summary = "Adds a user with a role: viewer, operator or admin (admin)")
    @APIResponse(responseCode = "201", description = "added")
    @APIResponse(responseCode = "400", description = "a bad user name, password or role")
    @APIResponse(responseCode = "409", description = "the user exists")
    public Response create(NewUser body) {
        if (body == null) {
            throw ApiException.badRequest("username", "no body", "send {\"username\", \"password\", \"role\"}");
        }
        return Response.status(201)
                .entity(accounts.createUser(body.username(), body.password(), body.role(), caller().name()))
                .build();
    }

    @PUT
    @Path("/users/{username}")
    @Operation(summary = "Changes a user's role or sets a new password (admin)")
    @APIResponse(responseCode = "200", description = "changed")
    @APIResponse(responseCode = "404", description = "no such user")
    @APIResponse(responseCode = "409", description = "it would leave no admin")
    public Accounts.UserView change(@PathParam("username") String username, UserChange body) {
        if (body == null) {
            throw ApiException.badRequest("role", "no body", "send {\"role\"} and/or {\"password\"}");
        }
        return accounts.changeUser(caller().name(), username, body.role(), body.password());
    }

    @DELETE
    @Path("/users/{username}")
    @Operation(summary = "Removes a user and their API keys (admin)")
    @APIResponse(responseCode = "204", description = "removed")
    @APIResponse(responseCode = "404", description = "no such user")
    @APIResponse(responseCode = "409", description = "the only admin")
    public Response delete(@PathParam("username") String username) {
        accounts.deleteUser(caller().name(), username);
        return Response.noContent().build();
    }

    @GET
    @Path("/keys")
    @Operation(summary = "Your API keys (an admin sees everyone's); the keys themselves are never shown again")
    @APIResponse(responseCode = "200", description = "the keys")
    public List<Accounts.KeyView> keys() {
        return accounts.keys(caller());
    }

    @POST
    @Path("/keys")
    @Operation(
            summary = "Makes an API key for a script, with your role or a lesser one; the answer holds the key, once")
    @APIResponse(responseCode = "201", description = "made; 'key' is shown only now")
    @APIResponse(responseCode = "400", description = "no name or a bad role")
    @APIResponse(responseCode = "403", description = "a role above yours, or sent with a key")
    public Response createKey(NewKey body) {
        if (body == null) {
            throw ApiException.badRequest(
                    "name", "no body", "send {\"name\": \"what it is for\", \"role\": \"viewer\"}");
        }
        return Response.status(201)
                .entity(accounts.createKey(caller(), body.name(), body.role()))
                .build();
    }

    @DELETE
    @Path("/keys/{key_id}")
    @Operation(summary = "Revokes an API key")
    @APIResponse(responseCode = "204", description = "revoked")
    @APIResponse(responseCode = "404", description = "no such key of yours")
    public Response deleteKey(@PathParam("key_id") UUID keyId) {
        accounts.deleteKey(caller(), keyId);
        return Response.noContent().build();
    }

    @GET
    @Path("/audit")
    @Operation(summary = "Who changed or deleted what, newest first (admin)")
    @APIResponse(responseCode = "200", description = "the entries")
    public List<Audit.Entry> audit(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 1000) {
            throw ApiException.badRequest("limit", "limit must be 1 to 1000", "ask for at most 1000 entries");
        }
        return audit.latest(n);
    }

    private Caller caller() {
        return CallerIdentityProvider.callerOf(identity);
    }
}
