using Microsoft.AspNetCore.Authorization;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// The named authorization policies, all in one place: endpoints, pages (<c>[Authorize(Policy = ...)]</c>), hub methods
/// and the Blazor event handlers' <see cref="ActionGuard"/> ask for these names, never for roles directly.
/// </summary>
public static class AccessPolicies
{
    /// <summary>See the pages and the live data (the hub): any of the three roles.</summary>
    public const string View = "View";

    /// <summary>Start and stop datasets, acknowledge and resolve alerts, re-drive dead letters: Operator or Administrator.</summary>
    public const string Operate = "Operate";

    /// <summary>Manage users and roles, read the audit log: Administrator.</summary>
    public const string Administer = "Administer";

    /// <summary>The rate limiter policy of the sign-in form's posts.</summary>
    public const string SignInRateLimit = "sign-in";

    /// <summary>The role a policy needs at least, for messages.</summary>
    public static string RoleOf(string policy) => policy switch
    {
        Operate => AccessRoles.Operator,
        Administer => AccessRoles.Administrator,
        _ => AccessRoles.Viewer,
    };

    /// <summary>
    /// Adds the policies, and makes <see cref="View"/> the fallback: every endpoint that says nothing (pages, the
    /// Blazor hub, the telemetry hub, unknown paths) needs a signed-in user with a role. Endpoints marked
    /// <c>AllowAnonymous</c> (sign-in, first-start setup, static files, health and metrics) are not asked.
    /// </summary>
    public static void Configure(AuthorizationOptions options)
    {
        var view = Policy(AccessRoles.Viewer, AccessRoles.Operator, AccessRoles.Administrator);
        options.AddPolicy(View, view);
        options.AddPolicy(Operate, Policy(AccessRoles.Operator, AccessRoles.Administrator));
        options.AddPolicy(Administer, Policy(AccessRoles.Administrator));
        options.FallbackPolicy = view;
    }

    private static AuthorizationPolicy Policy(params string[] roles) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles).Build();
}
