using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TurbineConsole.Cli.Api;

/// <summary>
/// How the API commands reach a running TurbineConsole: its URL (<c>--url</c>, or <c>TURBINECONSOLE_URL</c>) and a
/// personal API token, read from <c>TURBINECONSOLE_TOKEN</c> or a file (<c>--token-file</c>), never from the command line,
/// where other users of the machine could read it in the process list.
/// </summary>
internal sealed class ApiConnection
{
    /// <summary>The environment variable with the app's URL.</summary>
    public const string UrlVariable = "TURBINECONSOLE_URL";

    /// <summary>The environment variable with the token.</summary>
    public const string TokenVariable = "TURBINECONSOLE_TOKEN";

    /// <summary>The API's prefix on the app.</summary>
    private const string Prefix = "/api/v1";

    public static readonly Option<string?> Url = new("--url")
    {
        Description = $"The app's address, for example https://turbines.example.com (default: ${UrlVariable}, else http://localhost:5000).",
        HelpName = "URL",
        Recursive = true,
    };

    public static readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = $"A file holding a personal API token (default: ${TokenVariable}). Make one on the app's account page.",
        HelpName = "PATH",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the API's JSON instead of CSV.",
        Recursive = true,
    };

    private readonly HttpClient _http;

    private ApiConnection(HttpClient http) => _http = http;

    /// <summary>The connection the parsed options describe; throws <see cref="ApiException"/> when they are not usable.</summary>
    public static ApiConnection From(ParseResult parsed)
    {
        var url = parsed.GetValue(Url) ?? Environment.GetEnvironmentVariable(UrlVariable) ?? "http://localhost:5000";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            throw new ApiException($"--url must be an http or https address; it is '{url}'.");
        string? token;
        if (parsed.GetValue(TokenFile) is { } file)
        {
            try
            {
                token = File.ReadAllText(file).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ApiException($"Cannot read the token file {file}: {e.Message}");
            }
        }
        else
        {
            token = Environment.GetEnvironmentVariable(TokenVariable)?.Trim();
        }
        if (string.IsNullOrEmpty(token))
            throw new ApiException($"No API token: set {TokenVariable} or --token-file to a personal API token (made on the app's account page).");
        var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiConnection(http);
    }

    /// <summary>GETs <paramref name="path"/> (under the API's prefix) and returns its JSON.</summary>
    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="path"/> and returns the answer's JSON.</summary>
    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>POSTs a file and form fields as multipart form data to <paramref name="path"/> and returns the answer's JSON.</summary>
    public async Task<JsonElement> PostFileAsync(string path, string file, IEnumerable<(string Name, string? Value)> fields, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ApiException($"Cannot read {file}: {e.Message}");
        }
        var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", Path.GetFileName(file) } };
        foreach (var (name, value) in fields.Where(f => f.Value is not null))
            form.Add(new StringContent(value!), name);
        return await SendAsync(HttpMethod.Post, path, form, cancellationToken);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Prefix + path)
        {
            Content = body switch { null => null, HttpContent content => content, _ => JsonContent.Create(body) },
        };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException($"Cannot reach TurbineConsole at {_http.BaseAddress} ({e.Message}); check --url or {UrlVariable}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiException($"TurbineConsole at {_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s.");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
                return JsonDocument.Parse(text).RootElement.Clone();
            throw new ApiException(response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => $"The app refused the API token: {text.Trim()}",
                HttpStatusCode.Forbidden => $"Not allowed: {text.Trim()}",
                _ => $"{(int)response.StatusCode} {response.ReasonPhrase}: {ProblemDetail(text)}",
            });
        }
    }

    /// <summary>The <c>detail</c> of a problem answer (and its <c>lines</c>, one per line), or its text.</summary>
    private static string ProblemDetail(string text)
    {
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            if (!problem.TryGetProperty("detail", out var detail))
                return text;
            var lines = problem.TryGetProperty("lines", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(l => Environment.NewLine + "  " + l.GetString())
                : [];
            return detail.GetString() + string.Concat(lines);
        }
        catch (JsonException)
        {
            return text.Length > 300 ? text[..300] : text;
        }
    }
}

/// <summary>An API call that failed, with a message for the user.</summary>
internal sealed class ApiException(string message) : Exception(message);
