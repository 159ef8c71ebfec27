using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Simulator.Web.Operations;

/// <summary>Checks the <c>Telemetry:Otlp</c> settings at start, naming the setting and what it must be.</summary>
public sealed class OtlpExportOptionsValidator : SettingsValidator<OtlpExportOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(OtlpExportOptions options)
    {
        const string p = OtlpExportOptions.Section;
        if (options.Enabled && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo)))
            yield return $"{p}:Endpoint must be empty (no export) or an http or https URL without credentials, for example http://collector:4317.";
        if (!Enum.IsDefined(options.Protocol))
            yield return $"{p}:Protocol must be Grpc or HttpProtobuf.";
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromHours(1))
            yield return $"{p}:Interval must be 00:00:01 to 01:00:00; it is {options.Interval}.";
    }
}
