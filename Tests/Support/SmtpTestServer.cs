using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace TurbineConsole.Tests.Support;

/// <summary>A real SMTP server on a loopback port that keeps what it receives; it can be stopped and started again on the same port.</summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    public SmtpTestServer(int? port = null) => Port = port ?? FreePort.Next();

    public int Port { get; }

    /// <summary>Messages received, with the Stopwatch timestamp of their arrival.</summary>
    public ConcurrentQueue<(MimeMessage Message, long ReceivedAt)> Received { get; } = new();

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_server is null)
            return;
        _server.Shutdown();
        await _stop!.CancelAsync();
        try
        {
            await _running!;
        }
        catch (OperationCanceledException)
        {
        }
        _server = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            owner.Received.Enqueue((MimeMessage.Load(stream, cancellationToken), Stopwatch.GetTimestamp()));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
