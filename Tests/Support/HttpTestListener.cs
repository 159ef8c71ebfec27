using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;

namespace TurbineConsole.Tests.Support;

/// <summary>
/// A local HTTP server on a free loopback port (HttpListener) that records every request and answers as
/// <see cref="Respond"/> says: it plays a webhook receiver or SNS in the tests.
/// </summary>
internal sealed class HttpTestListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public HttpTestListener(string path = "/")
    {
        Url = $"http://127.0.0.1:{FreePort.Next()}{path}";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Where to send requests.</summary>
    public string Url { get; }

    /// <summary>The answer to a request: status, body and content type (200 with an empty body unless set).</summary>
    public Func<RecordedRequest, (int Status, string Body)> Respond { get; set; } = _ => (200, "");

    /// <summary>Content type of the answers.</summary>
    public string ResponseContentType { get; set; } = "application/json";

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            // Each request on its own, so that one slow client never holds up the others.
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = new RecordedRequest(context.Request.HttpMethod, new NameValueCollection(context.Request.Headers), await reader.ReadToEndAsync());
            Requests.Enqueue(request);
            var (status, body) = Respond(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = ResponseContentType;
            // A fixed length, never chunked: an empty chunked answer sometimes left its end chunk ("0") on the kept-alive
            // connection, where the client read it as the next answer's status line and sent that request again.
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentLength64 = bytes.Length;
            if (bytes.Length > 0)
                await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The listener was stopped, or the client went away.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}

/// <summary>One request an <see cref="HttpTestListener"/> received.</summary>
internal sealed record RecordedRequest(string Method, NameValueCollection Headers, string Body)
{
    /// <summary>The body as a form (SNS's Query protocol).</summary>
    public NameValueCollection Form => HttpUtility.ParseQueryString(Body);

    /// <summary>The body as JSON (a webhook).</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
