using Microsoft.AspNetCore.Identity;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// The Users page's actions: list users, create one with a password, change a user's role, lock and unlock. Each
/// action checks the Administer policy itself through the <see cref="ActionGuard"/> and is audited. Identity's
/// managers run in a scope of their own per action, so that a long-lived circuit never reads a stale user.
/// </summary>
public sealed class UserDirectory(IServiceScopeFactory scopes, ActionGuard guard)
{
    /// <summary>A user as the page lists it.</summary>
    public sealed record Row(string Id, string UserName, string? Role, bool LockedOut, DateTimeOffset? LockedUntil, bool HasPassword, IReadOnlyList<string> ExternalLogins);

    /// <summary>Every user, by name (only for administrators: anyone else gets none).</summary>
    public async Task<IReadOnlyList<Row>> ListAsync()
    {
        if (!await guard.AllowsAsync(AccessPolicies.Administer))
            return [];
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var rows = new List<Row>();
        foreach (var user in users.Users.OrderBy(u => u.UserName).ToList())
        {
            var locked = await users.IsLockedOutAsync(user);
            rows.Add(new Row(user.Id, user.UserName ?? "", AccessRoles.Highest(await users.GetRolesAsync(user)), locked, locked ? user.LockoutEnd : null,
                user.PasswordHash is not null, (await users.GetLoginsAsync(user)).Select(l => l.ProviderDisplayName ?? l.LoginProvider).ToList()));
        }
        return rows;
    }

    /// <summary>Creates a user with a password and a role; returns null, or why not.</summary>
    public async Task<string?> CreateAsync(string userName, string password, string role)
    {
        var check = await guard.CheckAsync(AccessPolicies.Administer, "create a user");
        if (check.Refusal is not null)
            return check.Refusal;
        if (AccessRoles.Find(role) is not { } known)
            return $"Choose a role: {string.Join(", ", AccessRoles.All)}.";
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = new IdentityUser { UserName = userName?.Trim() };
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded)
            return Describe(created);
        var added = await users.AddToRoleAsync(user, known);
        if (!added.Succeeded)
            return Describe(added);
        await guard.AuditAsync(check, AuditActions.UserCreated, $"{user.UserName} as {known}");
        return null;
    }

    /// <summary>Makes <paramref name="role"/> the user's one role; returns null, or why not.</summary>
    public async Task<string?> SetRoleAsync(string userId, string role)
    {
        var check = await guard.CheckAsync(AccessPolicies.Administer, "change a user's role");
        if (check.Refusal is not null)
            return check.Refusal;
        if (AccessRoles.Find(role) is not { } known)
            return $"Choose a role: {string.Join(", ", AccessRoles.All)}.";
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByIdAsync(userId) is not { } user)
            return "That user no longer exists.";
        if (user.UserName == check.UserName && known != AccessRoles.Administrator)
            return "You cannot take the Administrator role from yourself: ask another administrator.";
        var current = await users.GetRolesAsync(user);
        var before = AccessRoles.Highest(current);
        var removed = await users.RemoveFromRolesAsync(user, current);
        if (!removed.Succeeded)
            return Describe(removed);
        var added = await users.AddToRoleAsync(user, known);
        if (!added.Succeeded)
            return Describe(added);
        // A new security stamp signs the user's cookies and circuits out at their next check, so the new role applies at once.
        await users.UpdateSecurityStampAsync(user);
        await guard.AuditAsync(check, AuditActions.RoleChanged, $"{user.UserName}: {before ?? "none"} to {known}");
        return null;
    }

    /// <summary>Locks (until unlocked) or unlocks a user; returns null, or why not.</summary>
    public async Task<string?> SetLockedAsync(string userId, bool locked)
    {
        var check = await guard.CheckAsync(AccessPolicies.Administer, locked ? "lock a user" : "unlock a user");
        if (check.Refusal is not null)
            return check.Refusal;
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByIdAsync(userId) is not { } user)
            return "That user no longer exists.";
        if (locked && user.UserName == check.UserName)
            return "You cannot lock yourself out: ask another administrator.";
        var result = await users.SetLockoutEnabledAsync(user, true);
        if (result.Succeeded)
            result = await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (result.Succeeded && !locked)
            result = await users.ResetAccessFailedCountAsync(user);
        if (result.Succeeded && locked)
            result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
            return Describe(result);
        await guard.AuditAsync(check, locked ? AuditActions.UserLocked : AuditActions.UserUnlocked, user.UserName ?? "");
        return null;
    }

    /// <summary>Identity's errors in one sentence.</summary>
    internal static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));

    private static UserManager<IdentityUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
}
