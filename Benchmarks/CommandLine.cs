using System.Globalization;

namespace TurbineConsole.Benchmarks;

/// <summary>Options of the form <c>--name value</c>, with clear errors for a missing or non-numeric value.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values;

    private CommandLine(Dictionary<string, string> values) => _values = values;

    public static CommandLine Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Unexpected argument '{args[i]}': options look like --name value.");
            if (i + 1 >= args.Length)
                throw new ArgumentException($"Option {args[i]} needs a value.");
            values[args[i][2..]] = args[++i];
        }
        return new CommandLine(values);
    }

    public string? String(string name) => _values.GetValueOrDefault(name);

    /// <summary>Refuses an option outside <paramref name="known"/>, naming it.</summary>
    public CommandLine Only(params string[] known)
    {
        foreach (var name in _values.Keys)
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"Unknown option --{name}; known: {string.Join(", ", known.Select(k => "--" + k))}.");
        }

        return this;
    }

    public long Long(string name, long fallback) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"Option --{name} must be a whole number; it is '{text}'.");

    public int Int(string name, int fallback) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new ArgumentException($"Option --{name} must be a positive whole number; it is '{text}'.");
}
