using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace TurbineConsole.Tests.Aws;

/// <summary>
/// kinesalite and dynalite accept any signature, so these tests are what guards the signing: the SDK's
/// <see cref="SigV4SigningHandler"/>, as the Kinesis and SNS clients use it, must produce for a fixed request, key and
/// time exactly the Authorization header an independent SigV4 implementation computes.
/// </summary>
public sealed class SigV4SigningTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTime s_signedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Fact]
    public void Independent_implementation_reproduces_the_get_vanilla_case_of_the_AWS_SigV4_test_suite()
    {
        var headers = new Dictionary<string, string> { ["host"] = "example.amazonaws.com", ["x-amz-date"] = "20150830T123600Z" };

        var authorization = IndependentSigV4.Authorization("GET", "/", "", headers, [], AccessKey, SecretKey, "us-east-1", "service", s_signedAt);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            authorization);
    }

    [Theory]
    [InlineData("kinesis", "application/x-amz-json-1.1", """{"StreamName":"WindDataStream","Limit":10}""")]
    [InlineData("sns", "application/x-www-form-urlencoded", "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3AWind&Message=gust")]
    public async Task SDK_signer_produces_the_Authorization_header_computed_independently(string service, string contentType, string body)
    {
        var capture = new CapturingHandler();
        var parameters = new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
            Region = RegionEndpoint.EUWest1,
            Service = service,
            SignedAt = s_signedAt,
        };
        using var http = new HttpClient(new SigV4SigningHandler(parameters, capture));
        var payload = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:4567/") { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "Kinesis_20131202.ListShards");

        await http.SendAsync(request);

        var sent = capture.Request!;
        var authorization = sent.Headers.GetValues("Authorization").Single();
        var signedNames = authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        Assert.Contains("host", signedNames);
        Assert.Contains("x-amz-date", signedNames);
        Assert.Contains("x-amz-target", signedNames);
        Assert.Equal("20150830T123600Z", sent.Headers.GetValues("X-Amz-Date").Single());
        var values = signedNames.ToDictionary(n => n, n => n == "host" ? "127.0.0.1:4567" : HeaderValue(sent, n));
        var expected = IndependentSigV4.Authorization("POST", "/", "", values, capture.Body!, AccessKey, SecretKey, "eu-west-1", service, s_signedAt);
        Assert.Equal(expected, authorization);
        Assert.Contains($"/20150830/eu-west-1/{service}/aws4_request", authorization);
    }

    [Fact]
    public async Task A_changed_body_changes_the_signature()
    {
        var first = await SignAsync("""{"Limit":10}""");
        var second = await SignAsync("""{"Limit":11}""");

        Assert.NotEqual(first, second);
    }

    private static async Task<string> SignAsync(string body)
    {
        var capture = new CapturingHandler();
        var parameters = new AWSSigV4Parameters { Credentials = new BasicAWSCredentials(AccessKey, SecretKey), Region = RegionEndpoint.USEast1, Service = "kinesis", SignedAt = s_signedAt };
        using var http = new HttpClient(new SigV4SigningHandler(parameters, capture));
        await http.PostAsync("http://127.0.0.1:4567/", new StringContent(body));
        return capture.Request!.Headers.GetValues("Authorization").Single();
    }

    private static string HeaderValue(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(',', values)
        : request.Content!.Headers.TryGetValues(name, out var contentValues) ? string.Join(',', contentValues)
        : throw new InvalidOperationException($"The signed header {name} was not sent.");

    /// <summary>Keeps the signed request and its body instead of sending it.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        public byte[]? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        }
    }
}
