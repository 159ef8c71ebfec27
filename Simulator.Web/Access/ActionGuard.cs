using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// What every Blazor event handler that changes something calls first: asks <see cref="IAuthorizationService"/>
/// whether the circuit's user meets the action's policy, on the server, whatever the page showed or the browser sent.
/// A refusal comes back as a message for the page to show, and is written to the audit log. One per circuit.
/// </summary>
public sealed class ActionGuard(AuthenticationStateProvider authentication, IAuthorizationService authorization, AuditLog audit, ClientAddress client, ILogger<ActionGuard> logger)
{
    /// <summary>The user and the verdict: <see cref="Refusal"/> is null when the action is allowed.</summary>
    public sealed record Check(ClaimsPrincipal User, string? Refusal)
    {
        /// <summary>The user's name, as recorded with what they do.</summary>
        public string UserName => User.Identity?.Name ?? "";
    }

    /// <summary>Whether the user may act under <paramref name="policy"/> (for showing buttons as available; not a check).</summary>
    public async Task<bool> AllowsAsync(string policy)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, policy)).Succeeded;
    }

    /// <summary>
    /// Checks that the user may <paramref name="what"/> (for example "start a dataset") under <paramref name="policy"/>;
    /// a refusal is logged and audited.
    /// </summary>
    public async Task<Check> CheckAsync(string policy, string what)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
            return new Check(user, null);
        var name = user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
        var refusal = name is null
            ? $"Sign in to {what}."
            : $"Refused: to {what} you need the {AccessPolicies.RoleOf(policy)} role, which {name} does not have. An administrator can grant it.";
        logger.LogWarning("Refused to let {User} {Action}: not allowed by the {Policy} policy.", name ?? "(anonymous)", what, policy);
        await audit.RecordAsync(AuditActions.Refused, name, client.Value, what);
        return new Check(user, refusal);
    }

    /// <summary>Writes what <paramref name="check"/>'s user did to the audit log.</summary>
    public Task AuditAsync(Check check, string action, string detail) => audit.RecordAsync(action, check.UserName, client.Value, detail);
}
