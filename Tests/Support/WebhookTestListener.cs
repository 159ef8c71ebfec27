using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace TurbineConsole.Tests.Support;

/// <summary>A local HTTP listener that records the JSON bodies POSTed to it and answers with a chosen status.</summary>
internal sealed class WebhookTestListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookTestListener()
    {
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/hooks/alerts/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    /// <summary>The status to answer with (500 to simulate a failing receiver).</summary>
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    /// <summary>Bodies and idempotency keys of accepted POSTs.</summary>
    public ConcurrentQueue<(JsonElement Body, string? IdempotencyKey)> Received { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = await reader.ReadToEndAsync();
                if (Status == HttpStatusCode.OK && context.Request.HttpMethod == "POST")
                    Received.Enqueue((JsonDocument.Parse(body).RootElement.Clone(), context.Request.Headers["Idempotency-Key"]));
            }
            context.Response.StatusCode = (int)Status;
            context.Response.Close();
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
