namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// The three roles, each allowed what the one before it is: a Viewer sees the pages and the live data, an Operator also
/// starts and stops datasets, acknowledges and resolves alerts and re-drives dead letters, an Administrator also manages
/// users and roles and reads the audit log. The policies that say so are in <see cref="AccessPolicies"/>.
/// </summary>
public static class AccessRoles
{
    /// <summary>Sees the pages and the live data.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Acts on the pipeline: datasets, alerts, dead letters.</summary>
    public const string Operator = "Operator";

    /// <summary>Manages users and roles and reads the audit log.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Every role, from the least to the most allowed.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Administrator];

    /// <summary>The most allowed of <paramref name="roles"/>, or null when none is one of ours.</summary>
    public static string? Highest(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return All.LastOrDefault(set.Contains);
    }

    /// <summary>Our spelling of <paramref name="name"/> when it names a role (any case), or null.</summary>
    public static string? Find(string? name) => All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
