using System.Text.RegularExpressions;

namespace TurbineConsole.Pipeline.Configuration;

/// <summary>Kinesis and DynamoDB naming rules, with messages a user can act on (shared by settings and the simulator page).</summary>
public static partial class NamingRules
{
    /// <summary>Why a stream name breaks Kinesis's rules (1-128 of a-z, A-Z, 0-9, _ . -), or null when it is valid.</summary>
    public static string? StreamNameError(string? name) =>
        string.IsNullOrEmpty(name) ? "A stream name is required."
        : name.Length > 128 ? $"A stream name is at most 128 characters; this one has {name.Length}."
        : !NamePattern().IsMatch(name) ? "A stream name may contain only letters, digits, underscores (_), periods (.) and hyphens (-)."
        : null;

    /// <summary>Why a table name breaks DynamoDB's rules (3-255 of a-z, A-Z, 0-9, _ . -), or null when it is valid.</summary>
    public static string? TableNameError(string? name) =>
        string.IsNullOrEmpty(name) || name.Length < 3 ? "A table name must have at least 3 characters."
        : name.Length > 255 ? $"A table name is at most 255 characters; this one has {name.Length}."
        : !NamePattern().IsMatch(name) ? "A table name may contain only letters, digits, underscores (_), periods (.) and hyphens (-)."
        : null;

    [GeneratedRegex("^[a-zA-Z0-9_.-]+$")]
    private static partial Regex NamePattern();
}
