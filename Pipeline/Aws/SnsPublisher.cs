using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime.Signing;
using Polly;
using Polly.Timeout;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// Publishes messages to an SNS topic over SNS's Query protocol (a form POST of <c>Action=Publish</c>,
/// <c>Version=2010-03-31</c>, <c>TopicArn</c>, <c>Subject</c>, <c>Message</c>), signed with SigV4 for <c>sns</c> by
/// AWSSDK.Core's <see cref="SigV4SigningHandler"/> with the default chain's credentials and region. Throttling and 5xx
/// answers are retried (<see cref="AwsResilience"/>); other errors throw <see cref="SnsException"/> with SNS's code and
/// message. One instance can be shared: it is thread-safe; dispose it with its owner.
/// </summary>
public sealed class SnsPublisher : IDisposable
{
    /// <summary>Longest subject SNS accepts (email subscribers see it as the subject line).</summary>
    public const int MaxSubjectLength = 100;

    /// <summary>Largest message SNS accepts, in UTF-8 bytes (256 KB).</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>The signing HTTP client.</summary>
    private readonly HttpClient _http;

    /// <summary>Where requests go.</summary>
    private readonly Uri _endpoint;

    /// <summary>The region requests are signed for, for messages.</summary>
    private readonly string _region;

    /// <summary>Timeouts and retries.</summary>
    private readonly ResiliencePipeline _resilience;

    /// <summary>The settings, for messages.</summary>
    private readonly AwsOptions _options;

    /// <summary>
    /// A publisher for the SNS endpoint of <paramref name="options"/> (<see cref="AwsOptions.SnsServiceUrl"/> or the
    /// region's), signing with the default chain's credentials; <paramref name="innerHandler"/> (for tests) replaces the
    /// socket handler. Throws <see cref="AwsConfigurationException"/> when the region or the credentials are missing.
    /// </summary>
    public SnsPublisher(AwsOptions options, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = AwsEnvironment.Resolve(options);
        _options = options;
        _endpoint = environment.Endpoint(options.SnsServiceUrl, "sns", nameof(AwsOptions.SnsServiceUrl));
        _region = environment.Region.SystemName;
        _resilience = AwsResilience.Create(options);
        var inner = innerHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(new SigV4SigningHandler(environment.Credentials, environment.Region, "sns", inner)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>
    /// Publishes <paramref name="message"/> with <paramref name="subject"/> to the topic and returns SNS's MessageId.
    /// The subject must be at most <see cref="MaxSubjectLength"/> characters of printable ASCII on one line (use
    /// <see cref="FitSubject"/> to shorten one) or empty for none; the message must not be empty and at most 256 KB.
    /// Throws <see cref="ArgumentException"/> for input SNS would refuse and <see cref="SnsException"/> for SNS's errors.
    /// </summary>
    public async Task<string> PublishAsync(string topicArn, string subject, string message, CancellationToken ct)
    {
        CheckTopicArn(topicArn);
        CheckSubject(subject);
        ArgumentException.ThrowIfNullOrEmpty(message);
        var bytes = Encoding.UTF8.GetByteCount(message);
        if (bytes > MaxMessageBytes)
        {
            throw new ArgumentException($"An SNS message is at most {MaxMessageBytes} bytes of UTF-8; this one has {bytes}.", nameof(message));
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("Action", "Publish"),
            new("Version", "2010-03-31"),
            new("TopicArn", topicArn),
            new("Message", message),
        };
        if (!string.IsNullOrEmpty(subject))
        {
            form.Add(new("Subject", subject));
        }

        try
        {
            return await _resilience.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(form) };
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                var body = await response.Content.ReadAsStringAsync(token);
                if (!response.IsSuccessStatusCode)
                {
                    throw ParseError(response.StatusCode, body);
                }

                return ParseMessageId(body);
            }, ct);
        }
        catch (AwsServiceError e)
        {
            throw new SnsException(e.ErrorCode, Hint(e));
        }
        catch (TimeoutRejectedException e)
        {
            throw new SnsException(
                "RequestTimeout",
                $"SNS at {_endpoint} did not answer within {_options.RequestTimeout} (after {_options.MaxRetryAttempts + 1} attempts); check {AwsOptions.Section}:SnsServiceUrl and the network, or raise {AwsOptions.Section}:RequestTimeout.",
                e);
        }
        catch (HttpRequestException e)
        {
            throw new SnsException(
                "EndpointUnreachable",
                $"Cannot reach SNS at {_endpoint} ({e.Message}): the server is down or unreachable from here, or {AwsOptions.Section}:SnsServiceUrl names the wrong one (empty: AWS in region {_region}).",
                e);
        }
    }

    /// <summary>
    /// <paramref name="subject"/> made acceptable as an SNS subject: line breaks and other control or non-ASCII
    /// characters become spaces or '?', and a subject over <see cref="MaxSubjectLength"/> characters is cut and ends with "...".
    /// </summary>
    public static string FitSubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var builder = new StringBuilder(subject.Length);
        foreach (var c in subject.Trim())
        {
            builder.Append(c is '\r' or '\n' or '\t' ? ' ' : c is < ' ' or > '~' ? '?' : c);
        }

        var text = builder.ToString();
        return text.Length <= MaxSubjectLength ? text : string.Concat(text.AsSpan(0, MaxSubjectLength - 3), "...");
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>Refuses a subject SNS would refuse, saying why.</summary>
    private static void CheckSubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Length > MaxSubjectLength)
        {
            throw new ArgumentException(
                $"An SNS subject is at most {MaxSubjectLength} characters; this one has {subject.Length}. Shorten it (SnsPublisher.FitSubject cuts it to fit).",
                nameof(subject));
        }

        foreach (var c in subject)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException(
                    $"An SNS subject must be printable ASCII on one line; this one contains U+{(int)c:X4}. SnsPublisher.FitSubject replaces such characters.",
                    nameof(subject));
            }
        }
    }

    /// <summary>Refuses something that is not an SNS topic ARN.</summary>
    private static void CheckTopicArn(string topicArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicArn);
        if (!topicArn.StartsWith("arn:", StringComparison.Ordinal) || topicArn.Split(':') is not { Length: 6 } parts || parts[2] != "sns")
        {
            throw new ArgumentException($"\"{topicArn}\" is not an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:WindAlerts.", nameof(topicArn));
        }
    }

    /// <summary>The MessageId of a PublishResponse.</summary>
    private string ParseMessageId(string body)
    {
        try
        {
            var id = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "MessageId")?.Value;
            if (!string.IsNullOrEmpty(id))
            {
                return id;
            }
        }
        catch (System.Xml.XmlException)
        {
        }

        throw new SnsException("InvalidResponse", $"SNS at {_endpoint} answered Publish without a MessageId; is {AwsOptions.Section}:SnsServiceUrl an SNS endpoint?");
    }

    /// <summary>The error of a non-2xx answer: SNS's XML <c>Error/Code</c> and <c>Message</c>, or the HTTP status.</summary>
    private AwsServiceError ParseError(HttpStatusCode status, string body)
    {
        try
        {
            var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
            if (!string.IsNullOrEmpty(code))
            {
                return new AwsServiceError(status, code, error!.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? code);
            }
        }
        catch (System.Xml.XmlException)
        {
        }

        return new AwsServiceError(status, $"Http{(int)status}", $"SNS at {_endpoint} answered HTTP {(int)status} without an SNS error; is {AwsOptions.Section}:SnsServiceUrl an SNS endpoint?");
    }

    /// <summary>SNS's message with a hint at what to check.</summary>
    private string Hint(AwsServiceError e) => e.ErrorCode switch
    {
        "NotFound" => $"{e.ServiceMessage} (SNS at {_endpoint}, region {_region}: check the topic ARN, and that {AwsOptions.Section}:Region is the topic's region.)",
        "AuthorizationError" or "InvalidClientTokenId" or "SignatureDoesNotMatch" or "InvalidSignature" or "ExpiredToken" or "AccessDenied" =>
            $"{e.ServiceMessage} (SNS at {_endpoint} refused the credentials of the AWS default chain: check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or AWS_PROFILE and their sns:Publish permission.)",
        _ => $"{e.ServiceMessage} (SNS at {_endpoint}, HTTP {(int)e.StatusCode})",
    };
}
