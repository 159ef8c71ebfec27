using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// The credentials and region the AWS clients sign with, from the AWS default chain only (credentials are never read
/// from appsettings.json), and each service's endpoint: the <c>*ServiceUrl</c> setting or the region's AWS endpoint.
/// </summary>
internal sealed class AwsEnvironment
{
    private AwsEnvironment(AWSCredentials credentials, RegionEndpoint region)
    {
        Credentials = credentials;
        Region = region;
    }

    /// <summary>The credentials of the default chain.</summary>
    public AWSCredentials Credentials { get; }

    /// <summary>The region requests are signed for and sent to.</summary>
    public RegionEndpoint Region { get; }

    /// <summary>
    /// Resolves the region (<see cref="AwsOptions.Region"/>, else the default chain) and the credentials (default chain),
    /// throwing <see cref="AwsConfigurationException"/> with what to set when either is missing.
    /// </summary>
    public static AwsEnvironment Resolve(AwsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RegionEndpoint? region;
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            region = RegionEndpoint.GetBySystemName(options.Region.Trim());
        }
        else
        {
            FallbackRegionFactory.Reset();
            region = FallbackRegionFactory.GetRegionEndpoint();
        }

        if (region is null)
        {
            throw new AwsConfigurationException(
                "No AWS region is configured. Set Pipeline:Aws:Region in appsettings.json (for example \"us-east-1\"), "
                + "or the AWS_REGION environment variable, or a region in the profile of ~/.aws/config.");
        }

        AWSCredentials credentials;
        try
        {
            credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
            _ = credentials.GetCredentials(); // fail here, at start, rather than at the first request
        }
        catch (Exception e) when (e is AmazonClientException or InvalidOperationException)
        {
            throw new AwsConfigurationException(
                "No AWS credentials were found in the AWS default chain. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                + "(and AWS_SESSION_TOKEN for temporary credentials) in the environment, or AWS_PROFILE with a profile in "
                + "~/.aws/credentials, or run with an IAM role. Credentials are never read from appsettings.json. (" + e.Message + ")", e);
        }

        return new AwsEnvironment(credentials, region);
    }

    /// <summary>The endpoint of a service: <paramref name="serviceUrl"/> when set, else the region's AWS endpoint for <paramref name="service"/>.</summary>
    public Uri Endpoint(string? serviceUrl, string service, string settingName)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl))
        {
            var suffix = Region.SystemName.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
            return new Uri($"https://{service}.{Region.SystemName}.{suffix}/");
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new AwsConfigurationException(
                $"{AwsOptions.Section}:{settingName} must be an http:// or https:// URL such as http://localhost:4566; it is \"{serviceUrl}\".");
        }

        return uri;
    }
}
