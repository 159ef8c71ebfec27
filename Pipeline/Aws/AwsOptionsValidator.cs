using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>Checks the <c>Pipeline:Aws</c> settings, naming the setting and what it must be.</summary>
public sealed class AwsOptionsValidator : SettingsValidator<AwsOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(AwsOptions options) => Errors(options);

    /// <summary>Every problem of the <c>Pipeline:Aws</c> settings, one message each.</summary>
    public static IEnumerable<string> Errors(AwsOptions a)
    {
        const string p = AwsOptions.Section;
        if (!string.IsNullOrWhiteSpace(a.Region) && !IsRegionName(a.Region))
            yield return $"{p}:Region must be an AWS region name such as us-east-1 or eu-west-1, or empty to take the region from the AWS default chain (AWS_REGION); it is \"{a.Region}\".";
        foreach (var (key, value) in new[] { ("KinesisServiceUrl", a.KinesisServiceUrl), ("DynamoDbServiceUrl", a.DynamoDbServiceUrl), ("SnsServiceUrl", a.SnsServiceUrl) })
        {
            if (!string.IsNullOrWhiteSpace(value)
                && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Query.Length == 0))
            {
                yield return $"{p}:{key} must be an http:// or https:// URL such as http://localhost:4566, or empty for the AWS endpoint of the region; it is \"{value}\".";
            }
        }
        if (a.RequestTimeout <= TimeSpan.Zero || a.RequestTimeout > TimeSpan.FromMinutes(5))
            yield return $"{p}:RequestTimeout must be 00:00:00.001 to 00:05:00; it is {a.RequestTimeout}.";
        if (a.MaxRetryAttempts is < 0 or > 20)
            yield return $"{p}:MaxRetryAttempts must be 0 to 20; it is {a.MaxRetryAttempts}.";
        if (a.RetryBaseDelay <= TimeSpan.Zero || a.RetryBaseDelay > TimeSpan.FromSeconds(30))
            yield return $"{p}:RetryBaseDelay must be 00:00:00.001 to 00:00:30; it is {a.RetryBaseDelay}.";
        if (a.ResourceWaitTimeout <= TimeSpan.Zero)
            yield return $"{p}:ResourceWaitTimeout must be positive; it is {a.ResourceWaitTimeout}.";
        foreach (var (key, value) in new[] { ("CheckpointTable", a.CheckpointTable), ("DeadLetterTable", a.DeadLetterTable) })
        {
            if (DynamoDbRules.TableNameError(value) is { } error)
                yield return $"{p}:{key}: {error}";
        }
    }

    /// <summary>True for names shaped like AWS regions: lower-case words and a number, joined by dashes (us-east-1, us-gov-west-1).</summary>
    private static bool IsRegionName(string region)
    {
        var parts = region.Split('-');
        return parts.Length >= 3 && parts[^1].All(char.IsAsciiDigit) && parts[^1].Length > 0
            && parts[..^1].All(w => w.Length > 0 && w.All(char.IsAsciiLetterLower));
    }
}
