using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>Checks the <c>Simulator</c> settings at start, naming the setting and the allowed values.</summary>
public sealed class SimulatorOptionsValidator : SettingsValidator<SimulatorOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(SimulatorOptions options) => Errors(options);

    /// <summary>Every problem of the settings, one message each; none when they are valid.</summary>
    public static IEnumerable<string> Errors(SimulatorOptions o)
    {
        const string p = SimulatorOptions.Section;
        if (double.IsNaN(o.MaxRatePerSecond) || o.MaxRatePerSecond < 0.1 || o.MaxRatePerSecond > SimulatorOptions.RateCeilingPerSecond)
            yield return $"{p}:MaxRatePerSecond must be 0.1 to 100000 readings per second; it is {o.MaxRatePerSecond}.";
        if (DynamoDbRules.TableNameError(o.RunTable) is { } tableError)
            yield return $"{p}:RunTable: {tableError}";
        foreach (var stream in o.AllowedStreams)
        {
            if (KinesisRules.StreamNameError(stream) is { } error)
                yield return $"{p}:AllowedStreams: \"{stream}\": {error}";
        }
    }
}
