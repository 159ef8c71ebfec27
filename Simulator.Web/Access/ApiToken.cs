namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// A personal API token as stored: only the SHA-256 of the token, never the token itself, which its owner saw once.
/// </summary>
public sealed class ApiToken
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The owner's Identity user id.</summary>
    public required string UserId { get; set; }

    /// <summary>The owner's name for it ("dashboard on the control-room PC").</summary>
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token's text.</summary>
    public required string Hash { get; set; }

    /// <summary>The first characters of the token, so its owner can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
