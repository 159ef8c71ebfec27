using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TurbineConsole.Cli.Api;

/// <summary>
/// A command that calls the running app's HTTP API: its action gets a connection and writes the answer as CSV (a header
/// line, then one line per item) or, with <c>--json</c>, as the API's JSON. A failed call is one line on standard error.
/// </summary>
internal abstract class ApiCommand : Command
{
    protected ApiCommand(string name, string description)
        : base(name, description) => SetAction(RunAsync);

    /// <summary>Calls the API and returns what to print.</summary>
    protected abstract Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken);

    /// <summary>The CSV columns: header name and the JSON property it comes from.</summary>
    protected abstract IReadOnlyList<(string Header, string Property)> Columns { get; }

    /// <summary>The items to print from the answer (by default the answer itself, an array or one object).</summary>
    protected virtual IEnumerable<JsonElement> Items(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Array ? answer.EnumerateArray() : [answer];

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        try
        {
            var answer = await CallAsync(ApiConnection.From(parsed), parsed, cancellationToken);
            if (parsed.GetValue(ApiConnection.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(answer, new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }
            await output.WriteLineAsync(string.Join(',', Columns.Select(c => c.Header)));
            foreach (var item in Items(answer))
                await output.WriteLineAsync(string.Join(',', Columns.Select(c => Csv(Value(item, c.Property)))));
            return ExitCodes.Success;
        }
        catch (ApiException e)
        {
            await parsed.InvocationConfiguration.Error.WriteLineAsync($"{Name}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>A property of <paramref name="item"/> as text; a dotted name reaches into an object; absent or null: empty.</summary>
    private static string Value(JsonElement item, string property)
    {
        foreach (var part in property.Split('.'))
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(part, out item))
                return "";
        }
        return item.ValueKind switch
        {
            JsonValueKind.String => item.GetString()!,
            JsonValueKind.Number => item.GetDouble().ToString(CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => item.GetRawText(),
        };
    }

    /// <summary>A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180).</summary>
    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : new StringBuilder("\"").Append(value.Replace("\"", "\"\"")).Append('"').ToString();

    /// <summary>A query string from the values that are set, escaped.</summary>
    protected static string Query(params (string Name, string? Value)[] parameters)
    {
        var set = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join('&', set);
    }

    /// <summary>A path segment, escaped.</summary>
    protected static string Segment(string value) => Uri.EscapeDataString(value);
}
